// Job retention (JobManagerOptions::retention) over a fake executor: at
// startup and periodically, finished jobs older than the limit disappear
// with their job file and the output files they wrote (not a later job's
// file of the same name); queued and running jobs never do; zero keeps
// everything.
#include <fcntl.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "service/job_manager.h"
#include "service/job_store.h"
#include "service/log.h"
#include "tests/service/job_wait.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

namespace fs = std::filesystem;
using google::protobuf::util::TimeUtil;

// "block" runs until released or stopped; any other job writes
// <output>/result.txt (listed as its output file) and completes.
class WritingExecutor : public JobExecutor {
 public:
  explicit WritingExecutor(std::atomic<bool>* release) : release_(release) {}
  absl::Status Validate(const v1::JobProperties&) const override { return absl::OkStatus(); }
  absl::Status Run(JobContext& context) const override {
    while (context.job().job_name() == "block" && !release_->load()) {
      if (context.stop_requested()) return absl::CancelledError("stopped");
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    const std::string out = context.job().output_data_config().s3_uri();
    if (out.empty()) return absl::OkStatus();
    context.AddOutputFile(out + "/result.txt");
    wordloom::testing::WriteFile(out + "/result.txt", "result\n");
    return absl::OkStatus();
  }

 private:
  std::atomic<bool>* release_;
};

void SetModified(const std::string& path, absl::Time t) {
  const timespec ts = absl::ToTimespec(t);
  const timespec times[2] = {ts, ts};
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
}

google::protobuf::Timestamp At(absl::Time t) {
  return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t));
}

class JobRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogEnabled(false);
    work_ = wordloom::testing::TempDir();
    dir_ = work_ + "/jobs";
  }
  std::unique_ptr<JobManager> Make(absl::Duration retention) {
    auto manager = JobManager::Create(
        {.state_dir = dir_, .concurrency = 1, .max_queued = 8, .retention = retention},
        std::make_unique<WritingExecutor>(&release_));
    EXPECT_TRUE(manager.ok()) << manager.status();
    return manager.ok() ? *std::move(manager) : nullptr;
  }
  // Saves a job that ended `age` ago with `status` (submitted an hour
  // earlier), its output file written just before it ended.
  void SaveFinished(const std::string& id, v1::JobStatus::Value status, absl::Duration age) {
    auto store = JobStore::Open(dir_);
    ASSERT_TRUE(store.ok());
    const absl::Time end = absl::Now() - age;
    v1::JobProperties job;
    job.set_job_id(id);
    job.set_kind(v1::JobKind::TOPICS_DETECTION);
    job.set_job_status(status);
    *job.mutable_submit_time() = At(end - absl::Hours(1));
    if (status != v1::JobStatus::IN_PROGRESS) *job.mutable_end_time() = At(end);
    job.set_client_request_token("token-" + id);
    const std::string out = work_ + "/out-" + id;
    job.mutable_output_data_config()->set_s3_uri(out);
    job.add_output_files(out + "/result.txt");
    wordloom::testing::WriteFile(out + "/result.txt", id);
    SetModified(out + "/result.txt", end - absl::Minutes(1));
    ASSERT_TRUE((*store)->Save(job).ok());
  }
  bool JobFileExists(const std::string& id) const { return fs::exists(dir_ + "/" + id + ".json"); }
  static v1::StartJobRequest Request(const std::string& name, const std::string& out) {
    v1::StartJobRequest request;
    request.set_job_name(name);
    request.set_kind(v1::JobKind::TOPICS_DETECTION);
    request.mutable_input_data_config()->set_s3_uri("/in");
    request.mutable_output_data_config()->set_s3_uri(out);
    return request;
  }

  std::string work_, dir_;
  std::atomic<bool> release_{false};
};

TEST_F(JobRetentionTest, StartupDeletesJobsThatEndedLongerAgoThanTheLimit) {
  SaveFinished("old-completed", v1::JobStatus::COMPLETED, absl::Hours(24 * 10));
  SaveFinished("old-failed", v1::JobStatus::FAILED, absl::Hours(24 * 8));
  SaveFinished("old-stopped", v1::JobStatus::STOPPED, absl::Hours(24 * 30));
  SaveFinished("recent", v1::JobStatus::COMPLETED, absl::Hours(24 * 6));
  SaveFinished("interrupted", v1::JobStatus::IN_PROGRESS, absl::Hours(24 * 10));
  SaveFinished("rewritten", v1::JobStatus::COMPLETED, absl::Hours(24 * 10));
  // A later job wrote the same output file: it is that job's now.
  SetModified(work_ + "/out-rewritten/result.txt", absl::Now() - absl::Hours(1));
  wordloom::testing::WriteFile(work_ + "/out-old-failed/other.txt", "not the job's\n");

  auto m = Make(absl::Hours(24 * 7));
  for (const char* gone : {"old-completed", "old-failed", "old-stopped", "rewritten"}) {
    EXPECT_EQ(m->Describe(gone).status().code(), absl::StatusCode::kNotFound) << gone;
    EXPECT_FALSE(JobFileExists(gone)) << gone;
  }
  EXPECT_FALSE(fs::exists(work_ + "/out-old-completed")) << "empty output directory left";
  EXPECT_FALSE(fs::exists(work_ + "/out-old-failed/result.txt"));
  EXPECT_TRUE(fs::exists(work_ + "/out-old-failed/other.txt")) << "deleted a file not listed";
  EXPECT_TRUE(fs::exists(work_ + "/out-rewritten/result.txt")) << "deleted a later job's file";
  // Kept: ended 6 days ago; and the interrupted one ended (as FAILED) now.
  EXPECT_EQ(m->Describe("recent")->job_status(), v1::JobStatus::COMPLETED);
  EXPECT_TRUE(fs::exists(work_ + "/out-recent/result.txt"));
  EXPECT_EQ(m->Describe("interrupted")->job_status(), v1::JobStatus::FAILED);
  auto listed = m->List(v1::ListJobsRequest());
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->job_properties_list_size(), 2);
  // A deleted job's request token starts a new job.
  v1::StartJobRequest again = Request("quick", "");
  again.set_client_request_token("token-old-completed");
  release_ = true;
  auto started = m->Start(again);
  ASSERT_TRUE(started.ok());
  EXPECT_NE(started->job_id(), "old-completed");
}

TEST_F(JobRetentionTest, QueuedAndRunningJobsAreNeverDeleted) {
  auto m = Make(absl::Hours(24 * 7));
  const std::string running = m->Start(Request("block", work_ + "/r"))->job_id();
  const std::string queued = m->Start(Request("block", work_ + "/q"))->job_id();
  ASSERT_TRUE(testing::WaitForJobStatus(*m, running, v1::JobStatus::IN_PROGRESS));
  EXPECT_EQ(m->DeleteExpired(absl::Now() + absl::Hours(24 * 365)), 0u);
  EXPECT_TRUE(m->Describe(running).ok());
  EXPECT_TRUE(m->Describe(queued).ok());
  release_ = true;
  ASSERT_TRUE(testing::WaitForJobStatus(*m, queued, v1::JobStatus::COMPLETED));
  EXPECT_EQ(m->DeleteExpired(absl::Now() + absl::Hours(24 * 6)), 0u);  // not old enough
  EXPECT_EQ(m->DeleteExpired(absl::Now() + absl::Hours(24 * 8)), 2u);
  EXPECT_FALSE(fs::exists(work_ + "/q/result.txt"));
  EXPECT_EQ(m->Describe(running).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(JobRetentionTest, ZeroRetentionKeepsJobsForever) {
  SaveFinished("ancient", v1::JobStatus::COMPLETED, absl::Hours(24 * 3650));
  auto m = Make(absl::ZeroDuration());
  EXPECT_TRUE(m->Describe("ancient").ok());
  EXPECT_EQ(m->DeleteExpired(absl::Now() + absl::Hours(24 * 3650)), 0u);
  EXPECT_TRUE(fs::exists(work_ + "/out-ancient/result.txt"));
}

TEST_F(JobRetentionTest, FinishedJobsAreDeletedPeriodically) {
  auto m = Make(absl::Seconds(1));
  release_ = true;
  const std::string id = m->Start(Request("quick", work_ + "/periodic"))->job_id();
  ASSERT_TRUE(testing::WaitForJobStatus(*m, id, v1::JobStatus::COMPLETED));
  EXPECT_EQ(m->Describe(id)->output_files_size(), 1);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (m->Describe(id).ok() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(m->Describe(id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(JobFileExists(id));
  EXPECT_FALSE(fs::exists(work_ + "/periodic"));
}

}  // namespace
}  // namespace wordloom::service
