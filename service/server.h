// wordloomd: the gRPC services (TextAnalytics, Models), grpc.health.v1 and
// server reflection on one port, the Comprehend JSON gateway and Prometheus
// /metrics on another, over one model registry and one bounded work pool.
//
//   WL_ASSIGN_OR_RETURN(auto server, Server::Start(options));
//   ...                      // serve until a signal
//   server->Shutdown();      // graceful: drains in-flight calls
//
// Thread-safe.
#ifndef WORDLOOM_SERVICE_SERVER_H_
#define WORDLOOM_SERVICE_SERVER_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "service/model.h"
#include "service/model_registry.h"
#include "service/server_options.h"

namespace wordloom::service {

class Server {
 public:
  // Starts serving. `loaders` = model kinds recognized in the models
  // directory (default: every kind this build has). Errors: Unavailable
  // (port in use), FailedPrecondition (unreadable models directory).
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options);
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                                       std::vector<ModelLoader> loaders);
  ~Server();

  int grpc_port() const;
  // -1 when the HTTP endpoint is off.
  int http_port() const;
  ModelRegistry& registry();

  // Graceful shutdown: health turns NOT_SERVING, new calls are refused,
  // in-flight calls finish (up to drain_timeout, then they are cancelled).
  // Idempotent.
  void Shutdown();

  struct State;

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_SERVER_H_
