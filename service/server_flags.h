// The command line of wordloomd and `wordloom serve`: flags (and a config
// file of the same keys, `--config FILE`, TOML/INI "key = value" lines;
// flags given on the command line win) into ServerOptions, and running the
// server until SIGTERM / SIGINT.
#ifndef WORDLOOM_SERVICE_SERVER_FLAGS_H_
#define WORDLOOM_SERVICE_SERVER_FLAGS_H_

#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/server_options.h"

namespace wordloom::service {

// Flag values as parsed; ToOptions() turns them into ServerOptions.
struct ServerFlags {
  std::string host = "0.0.0.0";
  int port = 8500;
  int http_port = 8501;
  std::string models = "models";
  std::string corpus_dir;
  bool lazy_load = false;
  double model_poll_seconds = 2;
  size_t threads = 0;
  size_t max_pending = 1024;
  size_t inline_max_bytes = 8192;
  int max_receive_message_bytes = 1 << 20;
  double http_read_timeout_seconds = 10;
  size_t max_http_body_bytes = 4 << 20;
  double drain_seconds = 10;
  bool no_reflection = false;
  std::string port_file;
  std::string state_dir = "wordloom-state";
  size_t job_concurrency = 1;
  size_t max_queued_jobs = 64;
  size_t job_threads = 0;
  std::vector<std::string> job_input_roots;
  std::vector<std::string> job_output_roots;
  std::string job_retention = "7d";  // ParseRetention
  std::string tls_cert;
  std::string tls_key;
  std::string auth_token_file;
  bool quiet = false;

  ServerOptions ToOptions() const;
};

// A duration flag: "0" (off), or a number with a unit — d, h, m, s, ms —
// or a sum of them ("1h30m"). InvalidArgument saying the accepted forms.
absl::StatusOr<absl::Duration> ParseDurationFlag(const std::string& text);

// Adds the server's flags and `--config` to `app`.
void AddServerFlags(CLI::App* app, ServerFlags* flags);

// Starts the server and blocks until SIGTERM or SIGINT, then shuts down
// gracefully. Writes "GRPC_PORT HTTP_PORT\n" to flags.port_file (if set)
// once listening. Must be called before any other thread is started (it
// blocks the signals for all threads).
absl::Status RunServerUntilSignal(const ServerFlags& flags);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_SERVER_FLAGS_H_
