// wordloom.v1.Jobs on AsyncServer's completion queues (async_server.h):
// StartJob / DescribeJob / ListJobs / StopJob run on the work pool
// (unary_call.h) against the JobManager; WatchJob is a server-streaming
// reactor (async_reactors.h) fed by
// JobManager::Watch, coalescing progress updates a slow client has not read
// yet (status changes are never dropped) and ending after the terminal event.
//
// Thread-safe; `jobs` and `env` must outlive the server.
#ifndef WORDLOOM_SERVICE_JOBS_SERVICE_H_
#define WORDLOOM_SERVICE_JOBS_SERVICE_H_

#include "proto/wordloom/v1/jobs.grpc.pb.h"
#include "service/async_server.h"
#include "service/job_manager.h"
#include "service/unary_call.h"

namespace wordloom::service {

class JobsService final : public AsyncMethods<v1::Jobs::Service> {
 public:
  JobsService(JobManager* jobs, CallEnv env) : jobs_(jobs), env_(env) {}

  // Serves every method on `calls`; once, before the service is registered.
  absl::Status AddMethods(AsyncServer* calls);

 private:
  JobManager* const jobs_;
  const CallEnv env_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_JOBS_SERVICE_H_
