// grpc.health.v1.Health (proto/grpc/health/v1/health.proto) on AsyncServer:
// Check answers a service's status (NOT_FOUND for one never set), Watch
// streams it now and on every change. wordloomd serves it itself because
// gRPC 1.51's built-in health service runs on the callback API (see
// async_server.h).
//
//   HealthService health(env);
//   WL_RETURN_IF_ERROR(health.AddMethods(&calls));   // before RegisterService
//   health.SetServingStatus("", true);               // the whole server
//   health.Shutdown();                               // all NOT_SERVING, for good
//
// Thread-safe; `env` must outlive the server; with a null env.pool, checks
// are answered even when the work pool is full.
#ifndef WORDLOOM_SERVICE_HEALTH_SERVICE_H_
#define WORDLOOM_SERVICE_HEALTH_SERVICE_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "proto/grpc/health/v1/health.grpc.pb.h"
#include "service/async_server.h"
#include "service/unary_call.h"

namespace wordloom::service {

class HealthService final : public AsyncMethods<grpc::health::v1::Health::Service> {
 public:
  using Status = grpc::health::v1::HealthCheckResponse::ServingStatus;

  // A Watch call, told of each change of its service's status.
  class Watcher {
   public:
    virtual ~Watcher() = default;
    virtual void OnStatus(Status status) = 0;
  };

  explicit HealthService(CallEnv env) : env_(env) {}

  // Serves Check and Watch on `calls`; once, before the service is registered.
  absl::Status AddMethods(AsyncServer* calls);

  // `service` ("" = the whole server) is SERVING or NOT_SERVING. Ignored
  // after Shutdown.
  void SetServingStatus(const std::string& service, bool serving);
  // Every service NOT_SERVING from now on.
  void Shutdown();

  // The status of `service`: SERVICE_UNKNOWN if never set.
  Status Get(const std::string& service) const;
  // Registers `watcher` for `service` and returns its status now.
  Status AddWatcher(const std::string& service, Watcher* watcher);
  // No OnStatus call to `watcher` after this returns.
  void RemoveWatcher(const std::string& service, Watcher* watcher);

 private:
  void SetLocked(const std::string& service, Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Status StatusLocked(const std::string& service) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const CallEnv env_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Status> statuses_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, absl::flat_hash_set<Watcher*>> watchers_ ABSL_GUARDED_BY(mu_);
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_HEALTH_SERVICE_H_
