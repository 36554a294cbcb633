#include "service/server_flags.h"

#include <pthread.h>
#include <signal.h>

#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/atomic_file.h"
#include "core/status_macros.h"
#include "service/log.h"
#include "service/server.h"

namespace wordloom::service {

absl::StatusOr<absl::Duration> ParseDurationFlag(const std::string& text) {
  absl::Duration d;
  double days = 0;
  if (!text.empty() && text.back() == 'd' &&
      absl::SimpleAtod(text.substr(0, text.size() - 1), &days) && days >= 0) {
    return absl::Hours(24 * days);
  }
  if (absl::ParseDuration(text, &d) && d >= absl::ZeroDuration() && d != absl::InfiniteDuration()) {
    return d;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "\"", text, "\" is not a duration: use 0 (off) or a number with a unit, d, h, m, s or ms "
      "(7d, 12h, 90s, 1h30m)"));
}

ServerOptions ServerFlags::ToOptions() const {
  ServerOptions o;
  o.host = host;
  o.grpc_port = port;
  o.http_port = http_port;
  o.models_dir = models;
  o.corpus_dir = corpus_dir;
  o.eager_load = !lazy_load;
  o.model_poll_interval = absl::Seconds(model_poll_seconds);
  o.worker_threads = threads;
  o.max_pending = max_pending;
  o.inline_max_bytes = inline_max_bytes;
  o.max_receive_message_bytes = max_receive_message_bytes;
  o.http_read_timeout = absl::Seconds(http_read_timeout_seconds);
  o.max_http_body_bytes = max_http_body_bytes;
  o.drain_timeout = absl::Seconds(drain_seconds);
  o.enable_reflection = !no_reflection;
  o.state_dir = state_dir;
  o.job_concurrency = job_concurrency;
  o.max_queued_jobs = max_queued_jobs;
  o.job_threads = job_threads;
  o.job_input_roots = job_input_roots;
  o.job_output_roots = job_output_roots;
  o.job_retention = ParseDurationFlag(job_retention).value_or(o.job_retention);  // checked
  o.tls_cert_file = tls_cert;
  o.tls_key_file = tls_key;
  o.auth_token_file = auth_token_file;
  return o;
}

void AddServerFlags(CLI::App* app, ServerFlags* f) {
  app->set_config("--config", "", "Config file of `key = value` lines (keys as the flags)");
  app->add_option("--host", f->host, "Address to listen on")->capture_default_str();
  app->add_option("--port", f->port, "gRPC port (0 = any free port)")->capture_default_str();
  app->add_option("--http-port", f->http_port,
                  "Comprehend JSON gateway and /metrics port (0 = any free, -1 = off)")
      ->capture_default_str();
  app->add_option("--models", f->models, "Model directory")->capture_default_str();
  app->add_option("--corpus-dir", f->corpus_dir,
                  "Corpus stores IngestDocuments appends to and jobs read as corpus://NAME "
                  "(default: STATE/corpora)");
  app->add_flag("--lazy-load", f->lazy_load, "Load models on first use instead of at startup");
  app->add_option("--model-poll-seconds", f->model_poll_seconds,
                  "Rescan the model directory this often (0 = never)")
      ->capture_default_str();
  app->add_option("--threads", f->threads, "Worker threads (0 = one per core)");
  app->add_option("--inline-max-bytes", f->inline_max_bytes,
                  "gRPC calls on documents up to this size run on gRPC's thread, not the pool")
      ->capture_default_str();
  app->add_option("--max-pending", f->max_pending,
                  "Calls in flight (queued or running, inline ones too) before RESOURCE_EXHAUSTED "
                  "(gRPC) / TooManyRequestsException (JSON)")
      ->capture_default_str();
  app->add_option("--max-receive-message-bytes", f->max_receive_message_bytes,
                  "Largest gRPC request (RESOURCE_EXHAUSTED beyond)")
      ->capture_default_str();
  app->add_option("--http-read-timeout-seconds", f->http_read_timeout_seconds,
                  "An HTTP request must arrive whole within this time")
      ->capture_default_str();
  app->add_option("--max-http-body-bytes", f->max_http_body_bytes, "Largest HTTP request body")
      ->capture_default_str();
  app->add_option("--drain-seconds", f->drain_seconds,
                  "On SIGTERM, wait this long for in-flight calls")
      ->capture_default_str();
  app->add_flag("--no-reflection", f->no_reflection, "Do not serve gRPC server reflection");
  app->add_option("--port-file", f->port_file,
                  "Write \"GRPC_PORT HTTP_PORT\" here once listening");
  app->add_flag("--quiet", f->quiet, "No log lines on stderr");
  app->add_option("--state-dir", f->state_dir,
                  "Job state (STATE/jobs) and ingested corpora (STATE/corpora)")
      ->capture_default_str();
  app->add_option("--job-concurrency", f->job_concurrency, "Jobs running at once")
      ->capture_default_str();
  app->add_option("--max-queued-jobs", f->max_queued_jobs,
                  "Jobs waiting before StartJob is RESOURCE_EXHAUSTED")
      ->capture_default_str();
  app->add_option("--job-threads", f->job_threads, "Trainer threads per job (0 = half the cores)");
  app->add_option("--job-input-root", f->job_input_roots,
                  "Directory jobs may read input from (repeatable; STATE/corpora always); any "
                  "other path, after resolving symlinks and .., is INVALID_ARGUMENT")
      ->allow_extra_args(false);
  app->add_option("--job-output-root", f->job_output_roots,
                  "Directory jobs may write output in (repeatable; STATE/outputs always)")
      ->allow_extra_args(false);
  app->add_option("--job-retention", f->job_retention,
                  "Delete finished jobs (job file and output files) this long after they end: "
                  "7d, 12h, 30m, 90s; 0 = keep forever")
      ->capture_default_str()
      ->check([](const std::string& text) {
        absl::StatusOr<absl::Duration> d = ParseDurationFlag(text);
        return d.ok() ? std::string() : std::string(d.status().message());
      });
  app->add_option("--tls-cert", f->tls_cert,
                  "PEM certificate chain: serve both ports over TLS (with --tls-key)");
  app->add_option("--tls-key", f->tls_key, "PEM private key of --tls-cert");
  app->add_option("--auth-token-file", f->auth_token_file,
                  "Require \"authorization: Bearer <token>\" (first line of this file) on every "
                  "call but health checks; needs --tls-cert");
}

absl::Status RunServerUntilSignal(const ServerFlags& flags) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // inherited by every thread
  // Debian's Abseil checks every Mutex acquisition for lock-order cycles
  // (a debug aid, ~5% of a small call's CPU in the server); tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  SetLogEnabled(!flags.quiet);
  const ServerOptions options = flags.ToOptions();
  WL_ASSIGN_OR_RETURN(std::unique_ptr<Server> server, Server::Start(options));
  LogEvent("server.started", {{"grpc_port", absl::StrCat(server->grpc_port())},
                              {"http_port", absl::StrCat(server->http_port())},
                              {"models_dir", options.models_dir}});
  if (!flags.port_file.empty()) {
    WL_RETURN_IF_ERROR(WriteFileAtomically(
        flags.port_file, absl::StrCat(server->grpc_port(), " ", server->http_port(), "\n")));
  }
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  LogEvent("server.stopping", {{"signal", strsignal(signal_number)}});
  server->Shutdown();
  LogEvent("server.stopped");
  return absl::OkStatus();
}

}  // namespace wordloom::service
