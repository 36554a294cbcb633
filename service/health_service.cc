#include "service/health_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "service/async_reactors.h"

namespace wordloom::service {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// One Watch call: the status now, then each change; a change that comes
// while a write runs replaces any other not sent yet (only the latest
// matters). Ends when the client cancels or the server shuts down.
class WatchCall final : public AsyncWriteReactor<HealthCheckRequest, HealthCheckResponse>,
                        public HealthService::Watcher {
 public:
  explicit WatchCall(HealthService* health) : health_(health) {}

  void OnStatus(HealthService::Status status) override {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    pending_ = status;
    has_pending_ = true;
    WriteNextLocked();
  }

 private:
  void OnRequest(const HealthCheckRequest& request) override {
    service_ = request.service();
    watching_ = true;
    OnStatus(health_->AddWatcher(service_, this));
  }
  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) return FinishLocked();
    WriteNextLocked();
  }
  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    if (!writing_) FinishLocked();
  }
  void OnDelete() override {
    if (watching_) health_->RemoveWatcher(service_, this);
  }
  bool CountsAsWork() const override { return false; }

  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || finished_ || !has_pending_) return;
    current_.set_status(pending_);
    has_pending_ = false;
    writing_ = true;
    StartWrite(&current_);
  }
  void FinishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the watch ended"));
  }

  HealthService* const health_;
  std::string service_;  // set in OnRequest
  bool watching_ = false;
  absl::Mutex mu_;
  HealthCheckResponse current_ ABSL_GUARDED_BY(mu_);  // being written
  HealthService::Status pending_ ABSL_GUARDED_BY(mu_) = HealthCheckResponse::UNKNOWN;
  bool has_pending_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

absl::Status HealthService::AddMethods(AsyncServer* calls) {
  constexpr std::string_view kService = "grpc.health.v1.Health";
  WL_RETURN_IF_ERROR(
      calls->Add(this, kService, "Check", /*raw=*/true,
                 UnaryMethod<HealthCheckRequest, HealthCheckResponse>(
                     env_, [](const HealthCheckRequest&) { return size_t{0}; },  // inline
                     [this](grpc::ServerContextBase*, const HealthCheckRequest& request,
                            HealthCheckResponse* response) {
                       const Status status = Get(request.service());
                       if (status == HealthCheckResponse::SERVICE_UNKNOWN) {
                         return absl::NotFoundError(
                             absl::StrCat("unknown service \"", request.service(), "\""));
                       }
                       response->set_status(status);
                       return absl::OkStatus();
                     })));
  return calls->Add(this, kService, "Watch", /*raw=*/true,
                    [this]() -> AsyncCall* { return new WatchCall(this); });
}

void HealthService::SetLocked(const std::string& service, Status status) {
  statuses_[service] = status;
  auto it = watchers_.find(service);
  if (it == watchers_.end()) return;
  for (Watcher* watcher : it->second) watcher->OnStatus(status);
}

void HealthService::SetServingStatus(const std::string& service, bool serving) {
  absl::MutexLock lock(&mu_);
  if (shut_down_) return;
  SetLocked(service, serving ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING);
}

void HealthService::Shutdown() {
  absl::MutexLock lock(&mu_);
  shut_down_ = true;
  std::vector<std::string> services;
  for (const auto& [service, status] : statuses_) services.push_back(service);
  for (const std::string& service : services) SetLocked(service, HealthCheckResponse::NOT_SERVING);
}

HealthService::Status HealthService::StatusLocked(const std::string& service) const {
  auto it = statuses_.find(service);
  return it == statuses_.end() ? HealthCheckResponse::SERVICE_UNKNOWN : it->second;
}

HealthService::Status HealthService::Get(const std::string& service) const {
  absl::MutexLock lock(&mu_);
  return StatusLocked(service);
}

HealthService::Status HealthService::AddWatcher(const std::string& service, Watcher* watcher) {
  absl::MutexLock lock(&mu_);
  watchers_[service].insert(watcher);
  return StatusLocked(service);
}

void HealthService::RemoveWatcher(const std::string& service, Watcher* watcher) {
  absl::MutexLock lock(&mu_);
  auto it = watchers_.find(service);
  if (it == watchers_.end()) return;
  it->second.erase(watcher);
  if (it->second.empty()) watchers_.erase(it);
}

}  // namespace wordloom::service
