#include "service/jobs_service.h"

#include <deque>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "core/status_macros.h"
#include "service/job_store.h"

namespace wordloom::service {
namespace {

absl::Status CheckJobId(const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("job_id is required");
  if (id.size() > 64) return absl::InvalidArgumentError("job_id is longer than 64 bytes");
  return absl::OkStatus();
}

// Streams one job's events. Deletes itself when the call is done.
class WatchReactor final : public grpc::ServerWriteReactor<v1::JobEvent> {
 public:
  WatchReactor(JobManager* jobs, Metrics* metrics, const std::string& job_id)
      : jobs_(jobs), metrics_(metrics) {
    absl::Status valid = CheckJobId(job_id);
    absl::StatusOr<uint64_t> handle =
        valid.ok() ? jobs->Watch(job_id, [this](const v1::JobEvent& e) { OnEvent(e); })
                   : absl::StatusOr<uint64_t>(valid);
    absl::MutexLock lock(&mu_);
    if (!handle.ok()) {
      FinishLocked(handle.status());
      return;
    }
    handle_ = *handle;
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) return FinishLocked(absl::CancelledError("the client went away"));
    if (wrote_last_) return FinishLocked(absl::OkStatus());
    WriteNextLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    if (!writing_) FinishLocked(absl::CancelledError("the client cancelled the call"));
  }

  void OnDone() override {
    if (handle_ != 0) jobs_->Unwatch(handle_);  // no OnEvent after this
    metrics_->Record("grpc/WatchJob", status_code_, absl::ToDoubleSeconds(absl::Now() - start_));
    delete this;
  }

 private:
  // From the JobManager, on a job thread (or inside Watch()).
  void OnEvent(const v1::JobEvent& event) {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    // A newer progress update replaces one not sent yet; status changes stay.
    if (!pending_.empty() && pending_.back().job_status() == event.job_status()) {
      pending_.back() = event;
    } else {
      pending_.push_back(event);
    }
    WriteNextLocked();
  }

  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || finished_ || pending_.empty()) return;
    current_ = std::move(pending_.front());
    pending_.pop_front();
    wrote_last_ = IsTerminal(current_.job_status());
    writing_ = true;
    StartWrite(&current_);
  }

  void FinishLocked(const absl::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    status_code_ = status.code();
    Finish(ToGrpcStatus(status));
  }

  JobManager* const jobs_;
  Metrics* const metrics_;
  const absl::Time start_ = absl::Now();
  uint64_t handle_ = 0;  // set once in the constructor, read in OnDone
  absl::StatusCode status_code_ = absl::StatusCode::kOk;
  absl::Mutex mu_;
  std::deque<v1::JobEvent> pending_ ABSL_GUARDED_BY(mu_);
  v1::JobEvent current_ ABSL_GUARDED_BY(mu_);  // being written
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool wrote_last_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

grpc::ServerUnaryReactor* JobsService::StartJob(Ctx* ctx, const v1::StartJobRequest* request,
                                                v1::StartJobResponse* response) {
  return ServeUnary(ctx, env_, "StartJob", [=, this]() -> absl::Status {
    WL_ASSIGN_OR_RETURN(*response, jobs_->Start(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* JobsService::DescribeJob(Ctx* ctx, const v1::DescribeJobRequest* request,
                                                   v1::DescribeJobResponse* response) {
  return ServeUnary(ctx, env_, "DescribeJob", [=, this]() -> absl::Status {
    WL_RETURN_IF_ERROR(CheckJobId(request->job_id()));
    WL_ASSIGN_OR_RETURN(*response->mutable_job_properties(), jobs_->Describe(request->job_id()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* JobsService::ListJobs(Ctx* ctx, const v1::ListJobsRequest* request,
                                                v1::ListJobsResponse* response) {
  return ServeUnary(ctx, env_, "ListJobs", [=, this]() -> absl::Status {
    WL_ASSIGN_OR_RETURN(*response, jobs_->List(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* JobsService::StopJob(Ctx* ctx, const v1::StopJobRequest* request,
                                               v1::StopJobResponse* response) {
  return ServeUnary(ctx, env_, "StopJob", [=, this]() -> absl::Status {
    WL_RETURN_IF_ERROR(CheckJobId(request->job_id()));
    WL_ASSIGN_OR_RETURN(*response, jobs_->Stop(request->job_id()));
    return absl::OkStatus();
  });
}

grpc::ServerWriteReactor<v1::JobEvent>* JobsService::WatchJob(Ctx*,
                                                              const v1::WatchJobRequest* request) {
  return new WatchReactor(jobs_, env_.metrics, request->job_id());
}

}  // namespace wordloom::service
