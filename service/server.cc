#include "service/server.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "grpc/grpc.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "service/analytics.h"
#include "service/async_server.h"
#include "service/auth.h"
#include "service/comprehend_gateway.h"
#include "service/health_service.h"
#include "service/http_server.h"
#include "service/in_flight_calls.h"
#include "service/job_manager.h"
#include "service/job_tasks.h"
#include "service/jobs_service.h"
#include "service/ingest_service.h"
#include "service/log.h"
#include "service/metrics.h"
#include "service/model_loaders.h"
#include "service/models_service.h"
#include "service/text_analytics_service.h"
#include "service/work_pool.h"

namespace wordloom::service {

// Members in construction order; destroyed in reverse (servers before the
// pool, registry and metrics they use).
struct Server::State {
  ServerOptions options;
  TlsKeyPair tls;
  std::shared_ptr<const BearerAuth> auth;  // null: no token check
  Metrics metrics;
  InFlightCalls grpc_calls;  // outlives calls
  std::unique_ptr<WorkPool> pool;
  std::unique_ptr<ModelRegistry> registry;
  std::unique_ptr<Analytics> analytics;
  std::unique_ptr<JobManager> jobs;
  std::unique_ptr<ComprehendGateway> gateway;
  std::unique_ptr<TextAnalyticsService> text_analytics;
  std::unique_ptr<ModelsService> models;
  std::unique_ptr<JobsService> jobs_service;
  std::unique_ptr<IngestService> ingest;
  std::unique_ptr<HealthService> health;
  std::unique_ptr<AsyncServer> calls;  // outlives grpc_server
  std::unique_ptr<grpc::Server> grpc_server;
  std::unique_ptr<HttpServer> http_server;
  int grpc_port = 0;
  std::atomic<bool> stopped{false};

  void HandleHttp(HttpRequest request, HttpResponder respond);
};

namespace {

constexpr const char* kServiceNames[] = {"wordloom.v1.TextAnalytics", "wordloom.v1.Models",
                                         "wordloom.v1.Jobs", "wordloom.v1.Ingest"};

HttpReply PlainReply(int status, std::string body, std::string content_type = "text/plain") {
  return HttpReply{status, std::move(content_type), std::move(body)};
}

}  // namespace

void Server::State::HandleHttp(HttpRequest request, HttpResponder respond) {
  if (request.method == "GET" && (request.target == "/healthz" || request.target == "/ping")) {
    return respond(stopped.load() ? PlainReply(503, "stopping\n") : PlainReply(200, "ok\n"));
  }
  if (auth != nullptr) {
    absl::Status allowed = auth->CheckHttpAuthorization(request.authorization);
    if (!allowed.ok()) {
      metrics.Record("http/unauthenticated", allowed.code(), 0);
      return respond(ComprehendGateway::ErrorReply(
          401,
          request.authorization.empty() ? "MissingAuthenticationTokenException"
                                        : "UnrecognizedClientException",
          ToStd(allowed.message())));
    }
  }
  if (request.method == "GET" && request.target == "/metrics") {
    return respond(PlainReply(200, metrics.Render(), "text/plain; version=0.0.4"));
  }
  if (request.method != "POST" || request.target != "/") {
    return respond(ComprehendGateway::ErrorReply(
        404, "UnknownOperationException",
        absl::StrCat(request.method, " ", request.target.substr(0, 200),
                     " is not served: send POST / with X-Amz-Target, or GET /metrics")));
  }
  const absl::Time start = absl::Now();
  auto shared = std::make_shared<HttpRequest>(std::move(request));
  absl::Status scheduled = pool->TrySchedule([this, shared, respond, start] {
    std::string operation;
    absl::StatusCode code;
    HttpReply reply = gateway->Handle(shared->amz_target, shared->body, &operation, &code);
    metrics.Record(absl::StrCat("http/", operation), code,
                   absl::ToDoubleSeconds(absl::Now() - start));
    respond(std::move(reply));
  });
  if (!scheduled.ok()) {
    metrics.Record("http/overloaded", scheduled.code(), 0);
    respond(ComprehendGateway::ErrorReply(scheduled));
  }
}

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() { Shutdown(); }

int Server::grpc_port() const { return state_->grpc_port; }
int Server::http_port() const {
  return state_->http_server ? state_->http_server->port() : -1;
}
ModelRegistry& Server::registry() { return *state_->registry; }

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  return Start(options, BuiltinModelLoaders());
}

namespace {

// Resident set size from /proc/self/statm (0 where there is none).
double ProcessResidentBytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return 0;
  long pages = 0, resident = 0;
  const bool read = std::fscanf(statm, "%ld %ld", &pages, &resident) == 2;
  std::fclose(statm);
  return read ? static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) : 0;
}

std::shared_ptr<grpc::ServerCredentials> GrpcCredentials(const Server::State& state) {
  if (!state.tls.enabled()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({state.tls.key_pem, state.tls.cert_pem});
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::SslServerCredentials(ssl);
  if (state.auth != nullptr) {
    credentials->SetAuthMetadataProcessor(MakeGrpcAuthProcessor(state.auth));
  }
  return credentials;
}

// TLS key pair and bearer token from the options' files.
absl::Status LoadSecurity(Server::State* state) {
  const ServerOptions& o = state->options;
  WL_ASSIGN_OR_RETURN(state->tls, LoadTlsKeyPair(o.tls_cert_file, o.tls_key_file));
  if (o.auth_token_file.empty()) return absl::OkStatus();
  if (!state->tls.enabled()) {
    return absl::InvalidArgumentError(
        "--auth-token-file needs --tls-cert and --tls-key: a bearer token sent in plaintext "
        "is readable by anyone on the path");
  }
  WL_ASSIGN_OR_RETURN(state->auth, BearerAuth::FromFile(o.auth_token_file));
  return absl::OkStatus();
}

// Builds and starts the gRPC server over `state`'s services.
absl::Status StartGrpc(Server::State* state) {
  const ServerOptions& o = state->options;
  // Served by HealthService: gRPC's own runs on the callback API.
  grpc::EnableDefaultHealthCheckService(false);
  if (o.enable_reflection) grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat(o.host, ":", o.grpc_port), GrpcCredentials(*state),
                           &state->grpc_port);
  builder.SetMaxReceiveMessageSize(o.max_receive_message_bytes);
  builder.SetMaxSendMessageSize(o.max_send_message_bytes);
  state->calls = std::make_unique<AsyncServer>(&builder, /*threads=*/0, &state->grpc_calls);
  AsyncServer* calls = state->calls.get();
  WL_RETURN_IF_ERROR(state->text_analytics->AddMethods(calls));
  WL_RETURN_IF_ERROR(state->models->AddMethods(calls));
  WL_RETURN_IF_ERROR(state->jobs_service->AddMethods(calls));
  WL_RETURN_IF_ERROR(state->ingest->AddMethods(calls));
  WL_RETURN_IF_ERROR(state->health->AddMethods(calls));
  builder.RegisterService(state->health.get());
  builder.RegisterService(state->text_analytics.get());
  builder.RegisterService(state->models.get());
  builder.RegisterService(state->jobs_service.get());
  builder.RegisterService(state->ingest.get());
  state->grpc_server = builder.BuildAndStart();
  if (state->grpc_server == nullptr || state->grpc_port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for gRPC on ", o.host, ":", o.grpc_port, " (port in use?)"));
  }
  calls->Start();
  state->health->SetServingStatus("", true);
  for (const char* name : kServiceNames) state->health->SetServingStatus(name, true);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<JobManager>> MakeJobManager(const ServerOptions& o,
                                                          ModelRegistry* registry) {
  const std::string state = o.state_dir;
  std::vector<std::string> output_roots = o.job_output_roots;
  output_roots.push_back(o.JobOutputDir());
  return JobManager::Create(
      {.state_dir = state + "/jobs", .concurrency = o.job_concurrency,
       .max_queued = o.max_queued_jobs, .retention = o.job_retention},
      MakeJobExecutor({.registry = registry, .models_dir = o.models_dir,
                       .corpora_dir = o.CorpusDir(), .input_roots = o.job_input_roots,
                       .output_roots = std::move(output_roots), .threads = o.job_threads}));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                                      std::vector<ModelLoader> loaders) {
  auto state = std::make_unique<State>();
  State* s = state.get();
  s->options = options;
  WL_RETURN_IF_ERROR(LoadSecurity(s));
  s->pool = std::make_unique<WorkPool>(options.worker_threads, options.max_pending);
  WL_ASSIGN_OR_RETURN(s->registry,
                      ModelRegistry::Create({.models_dir = options.models_dir,
                                             .eager_load = options.eager_load,
                                             .poll_interval = options.model_poll_interval},
                                            std::move(loaders)));
  WL_ASSIGN_OR_RETURN(s->analytics, Analytics::Create(s->registry.get()));
  WL_ASSIGN_OR_RETURN(s->jobs, MakeJobManager(options, s->registry.get()));
  s->gateway = std::make_unique<ComprehendGateway>(s->analytics.get(), s->jobs.get());
  const CallEnv env{s->pool.get(), &s->metrics, options.inline_max_bytes};
  s->text_analytics = std::make_unique<TextAnalyticsService>(s->analytics.get(), env);
  s->models = std::make_unique<ModelsService>(s->registry.get(), env);
  s->jobs_service = std::make_unique<JobsService>(s->jobs.get(), env);
  s->ingest = std::make_unique<IngestService>(options.CorpusDir(), env);
  // Health checks answer even when the pool is full (no admission).
  s->health = std::make_unique<HealthService>(CallEnv{.metrics = &s->metrics});
  s->metrics.AddGauge("wordloom_work_queue_depth",
                      "Calls queued or running (work pool and inline).",
                      [s] { return static_cast<double>(s->pool->pending()); });
  s->metrics.AddGauge("wordloom_models_loaded", "Models loaded in memory.",
                      [s] { return static_cast<double>(s->registry->loaded_count()); });
  s->metrics.AddGauge("wordloom_model_memory_bytes", "File bytes of the loaded models.",
                      [s] { return static_cast<double>(s->registry->loaded_bytes()); });
  s->metrics.AddGauge("wordloom_jobs_active", "Jobs queued or running.",
                      [s] { return static_cast<double>(s->jobs->active()); });
  s->metrics.AddGauge("wordloom_process_resident_memory_bytes",
                      "Resident memory of the server process (models, buffers, caches).",
                      ProcessResidentBytes);
  WL_RETURN_IF_ERROR(StartGrpc(s));
  if (options.http_port >= 0) {
    HttpServerOptions http{.address = options.host,
                           .port = options.http_port,
                           .read_timeout = options.http_read_timeout,
                           .max_body_bytes = options.max_http_body_bytes,
                           .tls = s->tls};
    absl::StatusOr<std::unique_ptr<HttpServer>> started = HttpServer::Start(
        http, [s](HttpRequest r, HttpResponder respond) { s->HandleHttp(std::move(r), respond); });
    if (!started.ok()) {
      s->grpc_server->Shutdown();
      return started.status();
    }
    s->http_server = *std::move(started);
    s->metrics.AddGauge("wordloom_http_connections", "Open connections to the JSON port.", [s] {
      return static_cast<double>(s->http_server->connections());
    });
  }
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

void Server::Shutdown() {
  State* s = state_.get();
  if (s == nullptr || s->stopped.exchange(true)) return;
  s->health->Shutdown();
  s->jobs->Shutdown();  // stops the jobs, which ends their WatchJob streams
  const absl::Time deadline = absl::Now() + s->options.drain_timeout;
  if (s->http_server) s->http_server->Shutdown(s->options.drain_timeout);
  // grpc::Server::Shutdown refuses new calls, waits for in-flight ones until
  // the deadline and cancels the rest; but it also waits for every open
  // connection to close, and a client that answers the GOAWAY late (a C++
  // client with no call in progress polls only every 5 s) holds it. So once
  // the in-flight calls are done, cancel_all_calls closes those idle
  // connections (and open health Watch streams) at once — again every
  // 100 ms, in case it ran before Shutdown began refusing connections.
  absl::Notification done;
  std::thread shutdown([s, deadline, &done] {
    s->grpc_server->Shutdown(absl::ToChronoTime(deadline));
    done.Notify();
  });
  s->grpc_calls.WaitUntilIdle(deadline);
  do {
    grpc_server_cancel_all_calls(s->grpc_server->c_server());
  } while (!done.WaitForNotificationWithTimeout(absl::Milliseconds(100)));
  shutdown.join();
  s->pool->Wait();
  s->calls->Shutdown();  // only once grpc::Server::Shutdown has returned
  s->grpc_server->Wait();
}

}  // namespace wordloom::service
