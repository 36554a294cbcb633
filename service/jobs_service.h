// wordloom.v1.Jobs over gRPC's callback API: StartJob / DescribeJob /
// ListJobs / StopJob run on the work pool (unary_call.h) against the
// JobManager; WatchJob is a server-streaming reactor fed by
// JobManager::Watch, coalescing progress updates a slow client has not read
// yet (status changes are never dropped) and ending after the terminal event.
//
// Thread-safe; `jobs` and `env` must outlive the server.
#ifndef WORDLOOM_SERVICE_JOBS_SERVICE_H_
#define WORDLOOM_SERVICE_JOBS_SERVICE_H_

#include "proto/wordloom/v1/jobs.grpc.pb.h"
#include "service/job_manager.h"
#include "service/unary_call.h"

namespace wordloom::service {

class JobsService final : public v1::Jobs::CallbackService {
 public:
  JobsService(JobManager* jobs, CallEnv env) : jobs_(jobs), env_(env) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* StartJob(Ctx* ctx, const v1::StartJobRequest* request,
                    v1::StartJobResponse* response) override;
  Reactor* DescribeJob(Ctx* ctx, const v1::DescribeJobRequest* request,
                       v1::DescribeJobResponse* response) override;
  Reactor* ListJobs(Ctx* ctx, const v1::ListJobsRequest* request,
                    v1::ListJobsResponse* response) override;
  Reactor* StopJob(Ctx* ctx, const v1::StopJobRequest* request,
                   v1::StopJobResponse* response) override;
  grpc::ServerWriteReactor<v1::JobEvent>* WatchJob(Ctx* ctx,
                                                   const v1::WatchJobRequest* request) override;

 private:
  JobManager* const jobs_;
  const CallEnv env_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_JOBS_SERVICE_H_
