// JobStore: jobs saved atomically one file each, loaded back as saved, and
// jobs that were queued or running when the server died marked FAILED as
// interrupted (and saved so).
#include "service/job_store.h"

#include <filesystem>

#include "absl/strings/match.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

using google::protobuf::util::MessageDifferencer;
using google::protobuf::util::TimeUtil;

v1::JobProperties Job(const std::string& id, v1::JobStatus::Value status) {
  v1::JobProperties job;
  job.set_job_id(id);
  job.set_job_name("name of " + id);
  job.set_kind(v1::JobKind::TOPICS_DETECTION);
  job.set_job_status(status);
  *job.mutable_submit_time() = TimeUtil::SecondsToTimestamp(1700000000);
  job.mutable_input_data_config()->set_s3_uri("/data/in");
  job.mutable_output_data_config()->set_s3_uri("/data/out");
  job.mutable_parameters()->mutable_topics_detection()->set_number_of_topics(7);
  (*job.mutable_progress()->mutable_counters())["documents"] = 42;
  job.mutable_progress()->set_fraction(0.5f);
  return job;
}

const v1::JobProperties* FindJob(const LoadedJobs& loaded, const std::string& id) {
  for (const v1::JobProperties& job : loaded.jobs) {
    if (job.job_id() == id) return &job;
  }
  return nullptr;
}

TEST(JobStoreTest, SavedJobsLoadBackUnchanged) {
  const std::string dir = wordloom::testing::TempDir() + "/jobs";
  auto store = JobStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  const v1::JobProperties done = Job("a1", v1::JobStatus::COMPLETED);
  const v1::JobProperties failed = Job("b2", v1::JobStatus::FAILED);
  ASSERT_TRUE((*store)->Save(done).ok());
  ASSERT_TRUE((*store)->Save(failed).ok());
  v1::JobProperties newer = done;
  newer.set_message("saved twice");
  ASSERT_TRUE((*store)->Save(newer).ok());  // replaces the first save

  auto loaded = (*store)->Load(absl::Now());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->jobs.size(), 2u);
  EXPECT_TRUE(loaded->interrupted.empty());
  EXPECT_TRUE(loaded->unreadable.empty());
  ASSERT_NE(FindJob(*loaded, "a1"), nullptr);
  EXPECT_TRUE(MessageDifferencer::Equals(*FindJob(*loaded, "a1"), newer));
  EXPECT_TRUE(MessageDifferencer::Equals(*FindJob(*loaded, "b2"), failed));
  // One file per job and no temporary files left behind.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().extension(), ".json") << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 2u);
}

TEST(JobStoreTest, MarksQueuedAndRunningJobsInterruptedAndSavesThat) {
  const std::string dir = wordloom::testing::TempDir() + "/jobs";
  auto store = JobStore::Open(dir);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Save(Job("queued", v1::JobStatus::SUBMITTED)).ok());
  ASSERT_TRUE((*store)->Save(Job("running", v1::JobStatus::IN_PROGRESS)).ok());
  ASSERT_TRUE((*store)->Save(Job("stopping", v1::JobStatus::STOP_REQUESTED)).ok());
  ASSERT_TRUE((*store)->Save(Job("stopped", v1::JobStatus::STOPPED)).ok());

  const absl::Time now = absl::FromUnixSeconds(1800000000);
  auto loaded = (*store)->Load(now);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->interrupted.size(), 3u);
  for (const char* id : {"queued", "running", "stopping"}) {
    const v1::JobProperties* job = FindJob(*loaded, id);
    ASSERT_NE(job, nullptr) << id;
    EXPECT_EQ(job->job_status(), v1::JobStatus::FAILED) << id;
    EXPECT_TRUE(absl::StrContains(job->message(), "interrupted")) << job->message();
    EXPECT_EQ(TimeUtil::TimestampToSeconds(job->end_time()), 1800000000);
  }
  EXPECT_TRUE(absl::StrContains(FindJob(*loaded, "running")->message(), "IN_PROGRESS"));
  EXPECT_EQ(FindJob(*loaded, "stopped")->job_status(), v1::JobStatus::STOPPED);

  // The marking was saved: a second start finds nothing to mark.
  auto again = (*store)->Load(absl::Now());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->interrupted.empty());
  EXPECT_EQ(FindJob(*again, "running")->job_status(), v1::JobStatus::FAILED);
}

TEST(JobStoreTest, ReportsUnreadableFilesAndLoadsTheRest) {
  const std::string dir = wordloom::testing::TempDir() + "/jobs";
  auto store = JobStore::Open(dir);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Save(Job("good", v1::JobStatus::COMPLETED)).ok());
  wordloom::testing::WriteFile(dir + "/garbage.json", "{not json");
  v1::JobProperties renamed = Job("inner", v1::JobStatus::COMPLETED);
  ASSERT_TRUE((*store)->Save(renamed).ok());
  std::filesystem::rename(dir + "/inner.json", dir + "/outer.json");
  wordloom::testing::WriteFile(dir + "/notes.txt", "ignored: not a job file");

  auto loaded = (*store)->Load(absl::Now());
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->jobs.size(), 1u);
  EXPECT_EQ(loaded->jobs[0].job_id(), "good");
  ASSERT_EQ(loaded->unreadable.size(), 2u);
  for (const std::string& why : loaded->unreadable) {
    EXPECT_TRUE(absl::StrContains(why, "garbage.json") || absl::StrContains(why, "outer.json"))
        << why;
  }
}

TEST(JobStoreTest, RefusesIdsThatAreNotFileNames) {
  auto store = JobStore::Open(wordloom::testing::TempDir() + "/jobs");
  ASSERT_TRUE(store.ok());
  for (const char* id : {"", "../escape", "a/b", ".."}) {
    EXPECT_EQ((*store)->Save(Job(id, v1::JobStatus::COMPLETED)).code(),
              absl::StatusCode::kInvalidArgument)
        << id;
  }
}

TEST(JobStoreTest, OpenFailsWhenTheDirectoryIsAFile) {
  const std::string file = wordloom::testing::TempDir() + "/file";
  wordloom::testing::WriteFile(file, "x");
  EXPECT_EQ(JobStore::Open(file).status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace wordloom::service
