#include "service/jobs_service.h"

#include <deque>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "core/status_macros.h"
#include "service/async_reactors.h"
#include "service/job_store.h"

namespace wordloom::service {
namespace {

absl::Status CheckJobId(const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("job_id is required");
  if (id.size() > 64) return absl::InvalidArgumentError("job_id is longer than 64 bytes");
  return absl::OkStatus();
}

// Streams one job's events.
class WatchReactor final : public AsyncWriteReactor<v1::WatchJobRequest, v1::JobEvent> {
 public:
  WatchReactor(JobManager* jobs, Metrics* metrics) : jobs_(jobs), metrics_(metrics) {}

 private:
  void OnRequest(const v1::WatchJobRequest& request) override {
    const std::string& job_id = request.job_id();
    absl::Status valid = CheckJobId(job_id);
    absl::StatusOr<uint64_t> handle =
        valid.ok() ? jobs_->Watch(job_id, [this](const v1::JobEvent& e) { OnEvent(e); })
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

  void OnDelete() override {
    if (handle_ != 0) jobs_->Unwatch(handle_);  // no OnEvent after this
    metrics_->Record("grpc/WatchJob", status_code_, absl::ToDoubleSeconds(absl::Now() - start_));
  }

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
  uint64_t handle_ = 0;  // set once in OnRequest, read in OnDelete
  absl::StatusCode status_code_ = absl::StatusCode::kOk;
  absl::Mutex mu_;
  std::deque<v1::JobEvent> pending_ ABSL_GUARDED_BY(mu_);
  v1::JobEvent current_ ABSL_GUARDED_BY(mu_);  // being written
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool wrote_last_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

absl::Status JobsService::AddMethods(AsyncServer* calls) {
  constexpr std::string_view kService = "wordloom.v1.Jobs";
  JobManager* jobs = jobs_;
  WL_RETURN_IF_ERROR((AddPoolMethod<v1::StartJobRequest, v1::StartJobResponse>(
      calls, this, kService, "StartJob", env_,
      [jobs](const v1::StartJobRequest& request, v1::StartJobResponse* response) -> absl::Status {
        WL_ASSIGN_OR_RETURN(*response, jobs->Start(request));
        return absl::OkStatus();
      })));
  WL_RETURN_IF_ERROR((AddPoolMethod<v1::DescribeJobRequest, v1::DescribeJobResponse>(
      calls, this, kService, "DescribeJob", env_,
      [jobs](const v1::DescribeJobRequest& request,
             v1::DescribeJobResponse* response) -> absl::Status {
        WL_RETURN_IF_ERROR(CheckJobId(request.job_id()));
        WL_ASSIGN_OR_RETURN(*response->mutable_job_properties(), jobs->Describe(request.job_id()));
        return absl::OkStatus();
      })));
  WL_RETURN_IF_ERROR((AddPoolMethod<v1::ListJobsRequest, v1::ListJobsResponse>(
      calls, this, kService, "ListJobs", env_,
      [jobs](const v1::ListJobsRequest& request, v1::ListJobsResponse* response) -> absl::Status {
        WL_ASSIGN_OR_RETURN(*response, jobs->List(request));
        return absl::OkStatus();
      })));
  WL_RETURN_IF_ERROR((AddPoolMethod<v1::StopJobRequest, v1::StopJobResponse>(
      calls, this, kService, "StopJob", env_,
      [jobs](const v1::StopJobRequest& request, v1::StopJobResponse* response) -> absl::Status {
        WL_RETURN_IF_ERROR(CheckJobId(request.job_id()));
        WL_ASSIGN_OR_RETURN(*response, jobs->Stop(request.job_id()));
        return absl::OkStatus();
      })));
  Metrics* metrics = env_.metrics;
  return calls->Add(this, kService, "WatchJob", /*raw=*/true,
                    [jobs, metrics]() -> AsyncCall* { return new WatchReactor(jobs, metrics); });
}

}  // namespace wordloom::service
