// Everything wordloomd can be configured with (flags, config file); main.cc
// and `wordloom serve` only fill this struct.
#ifndef WORDLOOM_SERVICE_SERVER_OPTIONS_H_
#define WORDLOOM_SERVICE_SERVER_OPTIONS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace wordloom::service {

struct ServerOptions {
  // Address both endpoints listen on ("0.0.0.0", "127.0.0.1", "::").
  std::string host = "0.0.0.0";
  // gRPC port; 0 = any free port (Server::grpc_port() tells which).
  int grpc_port = 8500;
  // Comprehend JSON gateway and /metrics port; 0 = any free port, -1 = off.
  int http_port = 8501;
  // Directory of model files (one file per model; id = file name stem).
  std::string models_dir = "models";
  // Directory of the corpus stores IngestDocuments writes (one per corpus
  // name; created on first use) and jobs read as corpus://NAME; "" means
  // <state_dir>/corpora (CorpusDir()).
  std::string corpus_dir;
  // Load every model at startup and when it appears (else on first use).
  bool eager_load = true;
  // How often the models directory is rescanned for new or changed files;
  // zero = never (LoadModel still works).
  absl::Duration model_poll_interval = absl::Seconds(2);
  // Worker threads for CPU work; 0 = one per core.
  size_t worker_threads = 0;
  // gRPC calls on a document of at most this many bytes run inline on gRPC's
  // completion-queue thread instead of the work pool: the hand-off costs more than
  // a small call (bench/service: server CPU per 200-byte DetectSentiment
  // 61 -> 43 us; per 5 KB ClassifyText ~235 -> ~200 us). Inline calls
  // count against max_pending all the same. 0 = every call on the pool.
  size_t inline_max_bytes = 8192;
  // Analysis calls in flight at once (queued or running, on the pool or
  // inline) before RESOURCE_EXHAUSTED / TooManyRequestsException.
  size_t max_pending = 1024;
  // Largest gRPC message received (derived from the document limits, see
  // limits.h) and sent (embeddings of a 100 KB document fit).
  int max_receive_message_bytes = 1 << 20;
  int max_send_message_bytes = 16 << 20;
  // A JSON gateway request must arrive whole within this time (slow-loris).
  absl::Duration http_read_timeout = absl::Seconds(10);
  // Largest JSON gateway request body.
  size_t max_http_body_bytes = 4 << 20;
  // How long a graceful shutdown waits for in-flight calls.
  absl::Duration drain_timeout = absl::Seconds(10);
  // Serve gRPC server reflection (grpcurl, grpc_cli).
  bool enable_reflection = true;
  // Server state: job files in <state_dir>/jobs, corpora (corpus://NAME)
  // in <state_dir>/corpora unless corpus_dir says otherwise, and a
  // directory jobs may always write their outputs in, <state_dir>/outputs.
  std::string state_dir = "wordloom-state";
  std::string CorpusDir() const {
    return corpus_dir.empty() ? state_dir + "/corpora" : corpus_dir;
  }
  // Jobs running at once, jobs queued before StartJob is RESOURCE_EXHAUSTED,
  // and trainer threads per job (0 = half the cores).
  size_t job_concurrency = 1;
  size_t max_queued_jobs = 64;
  size_t job_threads = 0;
  // Directories a job may read its input from, besides CorpusDir() (always
  // allowed): a job input elsewhere — after resolving symbolic links and
  // ".." — is INVALID_ARGUMENT (job_paths.h).
  std::vector<std::string> job_input_roots;
  // Directories a job may write its output directory in, besides
  // JobOutputDir() (always allowed).
  std::vector<std::string> job_output_roots;
  std::string JobOutputDir() const { return state_dir + "/outputs"; }
  // Finished jobs (COMPLETED, FAILED, STOPPED) are deleted this long after
  // they ended — job file and the output files they wrote — at startup and
  // periodically; zero = keep them forever. Models trained into the models
  // directory are kept.
  absl::Duration job_retention = absl::Hours(24 * 7);
  // TLS on both endpoints: PEM certificate chain and private key files
  // (both or neither; empty = plaintext).
  std::string tls_cert_file;
  std::string tls_key_file;
  // File whose first line is a bearer token every call must carry
  // (`authorization: Bearer <token>`; gRPC health checks and GET /healthz
  // stay open); empty = no token check. Requires TLS (a token sent in
  // plaintext is readable by anyone on the path).
  std::string auth_token_file;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_SERVER_OPTIONS_H_
