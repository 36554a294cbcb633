// JobManager over a fake executor: the life cycle (queued, running,
// completed, failed, stopped), watchers, the bounded queue, request tokens,
// paging, and what a restart finds after a graceful shutdown.
#include "service/job_manager.h"

#include <chrono>
#include <thread>

#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "service/log.h"
#include "tests/service/job_wait.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

// Jobs named "block" run until released or stopped; "fail" fails; "invalid"
// does not validate; others complete at once after reporting progress.
class FakeExecutor : public JobExecutor {
 public:
  explicit FakeExecutor(std::atomic<bool>* release) : release_(release) {}
  absl::Status Validate(const v1::JobProperties& job) const override {
    if (job.job_name() == "invalid") return absl::InvalidArgumentError("bad fake parameter");
    return absl::OkStatus();
  }
  absl::Status Run(JobContext& context) const override {
    context.BeginPhase("training", 0, 1, "fake work");
    context.Progress(0.5);
    context.SetCounter("documents", 3);
    if (context.job().job_name() == "fail") return absl::DataLossError("input is corrupt");
    while (context.job().job_name() == "block" && !release_->load()) {
      if (StopRequested(context.control())) return StoppedError("fake work", "halfway");
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return absl::OkStatus();
  }

 private:
  std::atomic<bool>* release_;
};

class JobManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogEnabled(false);
    dir_ = wordloom::testing::TempDir() + "/jobs";
  }

  std::unique_ptr<JobManager> Make(size_t max_queued = 8) {
    auto manager = JobManager::Create(
        {.state_dir = dir_, .concurrency = 1, .max_queued = max_queued,
         .progress_interval = absl::ZeroDuration()},
        std::make_unique<FakeExecutor>(&release_));
    EXPECT_TRUE(manager.ok()) << manager.status();
    return manager.ok() ? *std::move(manager) : nullptr;
  }

  static v1::StartJobRequest Request(const std::string& name) {
    v1::StartJobRequest request;
    request.set_job_name(name);
    request.set_kind(v1::JobKind::TOPICS_DETECTION);
    request.mutable_input_data_config()->set_s3_uri("/in");
    return request;
  }

  std::string dir_;
  std::atomic<bool> release_{false};
};

TEST_F(JobManagerTest, RunsAJobToCompletionAndTellsItsWatchers) {
  auto m = Make();
  release_ = false;
  auto started = m->Start(Request("block"));
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_EQ(started->job_status(), v1::JobStatus::SUBMITTED);
  const std::string id = started->job_id();
  EXPECT_EQ(id.size(), 32u);

  absl::Mutex mu;
  std::vector<v1::JobEvent> events;
  auto handle = m->Watch(id, [&](const v1::JobEvent& e) {
    absl::MutexLock lock(&mu);
    events.push_back(e);
  });
  ASSERT_TRUE(handle.ok());
  ASSERT_TRUE(testing::WaitForJobStatus(*m, id, v1::JobStatus::IN_PROGRESS));
  release_ = true;
  ASSERT_TRUE(testing::WaitForJobStatus(*m, id, v1::JobStatus::COMPLETED));
  m->Unwatch(*handle);

  auto job = m->Describe(id);
  ASSERT_TRUE(job.ok());
  EXPECT_FLOAT_EQ(job->progress().fraction(), 1.0f);
  EXPECT_EQ(job->progress().counters().at("documents"), 3);
  EXPECT_TRUE(job->has_end_time());
  absl::MutexLock lock(&mu);
  // The current state at once, then COMPLETED; the job may already be
  // IN_PROGRESS (its progress events sent) when the watcher attaches.
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events.back().job_status(), v1::JobStatus::COMPLETED);
  bool saw_running = false;
  float last_fraction = 0;
  for (const v1::JobEvent& e : events) {
    EXPECT_EQ(e.job_id(), id);
    saw_running |= e.job_status() == v1::JobStatus::IN_PROGRESS;
    EXPECT_GE(e.progress().fraction(), last_fraction);  // never goes back
    last_fraction = e.progress().fraction();
  }
  EXPECT_TRUE(saw_running);
}

TEST_F(JobManagerTest, FailedJobsSayWhy) {
  auto m = Make();
  auto started = m->Start(Request("fail"));
  ASSERT_TRUE(started.ok());
  ASSERT_TRUE(testing::WaitForJobStatus(*m, started->job_id(), v1::JobStatus::FAILED));
  const std::string message = m->Describe(started->job_id())->message();
  EXPECT_TRUE(absl::StrContains(message, "DATA_LOSS: input is corrupt")) << message;
  EXPECT_EQ(m->Start(Request("invalid")).status().code(), absl::StatusCode::kInvalidArgument);
  v1::StartJobRequest no_kind = Request("x");
  no_kind.set_kind(v1::JobKind::JOB_KIND_UNSPECIFIED);
  EXPECT_EQ(m->Start(no_kind).status().code(), absl::StatusCode::kInvalidArgument);
  v1::StartJobRequest wrong_params = Request("x");
  wrong_params.mutable_parameters()->mutable_vectors_training();
  auto mismatch = m->Start(wrong_params);
  EXPECT_EQ(mismatch.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(mismatch.status().message(), "TRAIN_VECTORS"));
}

TEST_F(JobManagerTest, StopsRunningAndQueuedJobs) {
  auto m = Make();
  const std::string running = m->Start(Request("block"))->job_id();
  const std::string queued = m->Start(Request("block"))->job_id();
  ASSERT_TRUE(testing::WaitForJobStatus(*m, running, v1::JobStatus::IN_PROGRESS));

  auto stop_queued = m->Stop(queued);
  ASSERT_TRUE(stop_queued.ok());
  EXPECT_EQ(stop_queued->job_status(), v1::JobStatus::STOPPED);
  auto stop_running = m->Stop(running);
  ASSERT_TRUE(stop_running.ok());
  EXPECT_EQ(stop_running->job_status(), v1::JobStatus::STOP_REQUESTED);
  ASSERT_TRUE(testing::WaitForJobStatus(*m, running, v1::JobStatus::STOPPED));
  EXPECT_TRUE(absl::StrContains(m->Describe(running)->message(), "stopped by StopJob"));
  EXPECT_EQ(m->Stop(running)->job_status(), v1::JobStatus::STOPPED);  // idempotent

  release_ = true;
  const std::string done = m->Start(Request("quick"))->job_id();
  ASSERT_TRUE(testing::WaitForJobStatus(*m, done, v1::JobStatus::COMPLETED));
  EXPECT_EQ(m->Stop(done).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(m->Stop("nope").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(m->Describe("nope").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(m->Watch("nope", [](const v1::JobEvent&) {}).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(JobManagerTest, FullQueueIsResourceExhausted) {
  auto m = Make(/*max_queued=*/1);
  const std::string running = m->Start(Request("block"))->job_id();
  ASSERT_TRUE(testing::WaitForJobStatus(*m, running, v1::JobStatus::IN_PROGRESS));
  ASSERT_TRUE(m->Start(Request("block")).ok());  // queued
  auto third = m->Start(Request("block"));
  EXPECT_EQ(third.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(absl::StrContains(third.status().message(), "queue is full"));
  release_ = true;
}

TEST_F(JobManagerTest, RequestTokenReturnsTheSameJob) {
  auto m = Make();
  release_ = true;
  v1::StartJobRequest request = Request("quick");
  request.set_client_request_token("token-1");
  const std::string first = m->Start(request)->job_id();
  EXPECT_EQ(m->Start(request)->job_id(), first);
  request.set_client_request_token("token-2");
  EXPECT_NE(m->Start(request)->job_id(), first);
}

TEST_F(JobManagerTest, ListsNewestFirstInPages) {
  auto m = Make();
  release_ = true;
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(m->Start(Request(i == 2 ? "fail" : "quick"))->job_id());
    ASSERT_TRUE(testing::WaitForJobStatus(*m, ids.back(), i == 2 ? v1::JobStatus::FAILED : v1::JobStatus::COMPLETED));
  }
  v1::ListJobsRequest request;
  request.set_max_results(2);
  std::vector<std::string> listed;
  for (int page = 0; page < 5; ++page) {
    auto response = m->List(request);
    ASSERT_TRUE(response.ok()) << response.status();
    for (const auto& job : response->job_properties_list()) listed.push_back(job.job_id());
    if (response->next_token().empty()) break;
    request.set_next_token(response->next_token());
  }
  EXPECT_EQ(listed, std::vector<std::string>(ids.rbegin(), ids.rend()));

  v1::ListJobsRequest failed;
  failed.mutable_filter()->set_job_status(v1::JobStatus::FAILED);
  auto only = m->List(failed);
  ASSERT_TRUE(only.ok());
  ASSERT_EQ(only->job_properties_list_size(), 1);
  EXPECT_EQ(only->job_properties_list(0).job_id(), ids[2]);
  v1::ListJobsRequest bad;
  bad.set_max_results(501);
  EXPECT_EQ(m->List(bad).status().code(), absl::StatusCode::kInvalidArgument);
  bad.set_max_results(0);
  bad.set_next_token("garbage");
  EXPECT_EQ(m->List(bad).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(JobManagerTest, ShutdownStopsJobsAndARestartListsThem) {
  std::string done, running, queued;
  {
    auto m = Make();
    release_ = true;
    done = m->Start(Request("quick"))->job_id();
    ASSERT_TRUE(testing::WaitForJobStatus(*m, done, v1::JobStatus::COMPLETED));
    release_ = false;
    running = m->Start(Request("block"))->job_id();
    queued = m->Start(Request("block"))->job_id();
    ASSERT_TRUE(testing::WaitForJobStatus(*m, running, v1::JobStatus::IN_PROGRESS));
    m->Shutdown();
    EXPECT_EQ(m->Start(Request("quick")).status().code(), absl::StatusCode::kUnavailable);
  }
  auto m = Make();
  EXPECT_EQ(m->Describe(done)->job_status(), v1::JobStatus::COMPLETED);
  auto stopped = m->Describe(running);
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(stopped->job_status(), v1::JobStatus::STOPPED);
  EXPECT_TRUE(absl::StrContains(stopped->message(), "the server shut down")) << stopped->message();
  EXPECT_EQ(m->Describe(queued)->job_status(), v1::JobStatus::STOPPED);
  EXPECT_TRUE(absl::StrContains(m->Describe(queued)->message(), "before the job started"));
}

}  // namespace
}  // namespace wordloom::service
