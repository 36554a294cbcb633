#include "service/analyze_stream.h"

#include <deque>
#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/async_reactors.h"
#include "service/status_bridge.h"

namespace wordloom::service {
namespace {

// One request of the stream and, once done, its response.
struct Slot {
  v1::AnalyzeRequest request;
  v1::AnalyzeResponse response;
  bool done = false;
};

class AnalyzeStream final : public AsyncBidiReactor<v1::AnalyzeRequest, v1::AnalyzeResponse> {
 public:
  AnalyzeStream(const Analytics* analytics, CallEnv env) : analytics_(analytics), env_(env) {}

 private:
  void OnStart() override {
    start_ = absl::Now();
    StartRead(&incoming_);
  }
  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override {
    std::unique_lock<std::mutex> lock(mu_);
    cancelled_ = true;
    FinishIfDone(lock);
  }

  void Run(Slot* slot);
  // Starts writing the oldest response if it is done and no write runs.
  void MaybeWriteLocked();
  // Finishes the call (after unlocking `lock`, since the call may be deleted at
  // once) when nothing is read, running or written any more.
  void FinishIfDone(std::unique_lock<std::mutex>& lock);

  const Analytics* const analytics_;
  const CallEnv env_;
  absl::Time start_;
  v1::AnalyzeRequest incoming_;  // the read buffer

  std::mutex mu_;
  std::deque<std::unique_ptr<Slot>> slots_;  // request order; <= kMaxAnalyzeInFlight
  size_t running_ = 0;      // pool tasks that still reference this reactor
  bool reading_ = true;     // a Read is outstanding
  bool read_paused_ = false;
  bool reads_done_ = false;
  bool writing_ = false;
  bool cancelled_ = false;
  bool finished_ = false;
};

void FailResponse(const absl::Status& status, v1::AnalyzeResponse* response) {
  const std::string id = response->id();
  response->Clear();
  response->set_id(id);
  response->set_error_code(StatusCodeName(status.code()));
  response->set_error_message(std::string(status.message()));
}

void AnalyzeStream::OnReadDone(bool ok) {
  std::unique_lock<std::mutex> lock(mu_);
  reading_ = false;
  if (!ok || cancelled_) {
    reads_done_ = true;
    return FinishIfDone(lock);
  }
  slots_.push_back(std::make_unique<Slot>());
  Slot* slot = slots_.back().get();
  slot->request.Swap(&incoming_);
  slot->response.set_id(slot->request.id());
  ++running_;
  absl::Status scheduled = env_.pool->TrySchedule([this, slot] { Run(slot); });
  if (!scheduled.ok()) {
    --running_;
    FailResponse(scheduled, &slot->response);
    slot->done = true;
    MaybeWriteLocked();
  }
  if (slots_.size() >= kMaxAnalyzeInFlight) {
    read_paused_ = true;
    return;
  }
  reading_ = true;
  lock.unlock();
  StartRead(&incoming_);
}

void AnalyzeStream::Run(Slot* slot) {
  bool skip;
  {
    std::lock_guard<std::mutex> lock(mu_);
    skip = cancelled_;
  }
  absl::Status status = skip ? absl::CancelledError("the client cancelled the stream")
                             : analytics_->Analyze(slot->request, &slot->response);
  if (!status.ok()) FailResponse(status, &slot->response);
  std::unique_lock<std::mutex> lock(mu_);
  slot->done = true;
  --running_;
  MaybeWriteLocked();
  FinishIfDone(lock);
}

void AnalyzeStream::MaybeWriteLocked() {
  if (writing_ || cancelled_ || slots_.empty() || !slots_.front()->done) return;
  writing_ = true;
  StartWrite(&slots_.front()->response);
}

void AnalyzeStream::OnWriteDone(bool ok) {
  std::unique_lock<std::mutex> lock(mu_);
  writing_ = false;
  slots_.pop_front();
  if (!ok) cancelled_ = true;  // the client is gone
  MaybeWriteLocked();
  if (read_paused_ && !cancelled_ && slots_.size() < kMaxAnalyzeInFlight) {
    read_paused_ = false;
    reading_ = true;
    lock.unlock();
    StartRead(&incoming_);
    return;
  }
  FinishIfDone(lock);
}

void AnalyzeStream::FinishIfDone(std::unique_lock<std::mutex>& lock) {
  if (finished_ || running_ > 0 || writing_ || reading_) return;
  if (!cancelled_ && !(reads_done_ && slots_.empty())) return;
  finished_ = true;
  lock.unlock();
  const absl::Status status =
      cancelled_ ? absl::CancelledError("the client cancelled the stream") : absl::OkStatus();
  env_.metrics->Record("grpc/AnalyzeStream", status.code(),
                       absl::ToDoubleSeconds(absl::Now() - start_));
  Finish(ToGrpcStatus(status));
}

}  // namespace

AsyncServer::Factory AnalyzeStreamMethod(const Analytics* analytics, CallEnv env) {
  return [analytics, env]() -> AsyncCall* { return new AnalyzeStream(analytics, env); };
}

}  // namespace wordloom::service
