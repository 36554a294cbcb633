// Polling helper shared by the job manager tests.
#ifndef WORDLOOM_TESTS_SERVICE_JOB_WAIT_H_
#define WORDLOOM_TESTS_SERVICE_JOB_WAIT_H_

#include <chrono>
#include <string>
#include <thread>

#include "service/job_manager.h"

namespace wordloom::service::testing {

// Waits (up to 10 s) until job `id` of `m` has `status`; false on time-out.
inline bool WaitForJobStatus(JobManager& m, const std::string& id, v1::JobStatus::Value status) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    auto job = m.Describe(id);
    if (job.ok() && job->job_status() == status) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

}  // namespace wordloom::service::testing

#endif  // WORDLOOM_TESTS_SERVICE_JOB_WAIT_H_
