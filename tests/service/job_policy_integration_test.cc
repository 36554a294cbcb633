// Integration: the job policies of the real `wordloomd` on loopback.
// Paths: job inputs and outputs must lie in --job-input-root /
// --job-output-root (plus STATE/corpora and STATE/outputs) after resolving
// "..", symbolic links and file:// — escapes are INVALID_ARGUMENT over gRPC
// and InvalidRequestException over the JSON gateway, naming the path and
// the roots. Retention: with a short --job-retention a finished job leaves
// ListJobs, Describe and the disk (job file and outputs), periodically and
// at startup. Every wait has a deadline; servers left running are killed.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "proto/wordloom/v1/jobs.grpc.pb.h"
#include "tests/service/raw_http.h"
#include "tests/service/server_process.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using wordloom::testing::WriteFile;

std::string TopicLines() {
  std::string out;
  for (int i = 0; i < 30; ++i) {
    out += i % 2 ? "engine wheel car brake tyre garage car\n" : "apple banana fruit pear juice\n";
  }
  return out;
}

v1::StartJobRequest TopicsJob(const std::string& input, const std::string& out) {
  v1::StartJobRequest r;
  r.set_job_name("policy");
  r.set_kind(v1::JobKind::TOPICS_DETECTION);
  r.mutable_input_data_config()->set_s3_uri(input);
  r.mutable_input_data_config()->set_input_format(v1::InputFormat::ONE_DOC_PER_LINE);
  r.mutable_output_data_config()->set_s3_uri(out);
  auto* p = r.mutable_parameters()->mutable_topics_detection();
  p->set_number_of_topics(2);
  p->set_iterations(20);
  p->set_seed(7);
  return r;
}

class JobPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = fs::canonical(wordloom::testing::TempDir()).string();
    WriteFile(work_ + "/in/docs.txt", TopicLines());
    WriteFile(work_ + "/secret.txt", TopicLines());
    fs::create_directories(work_ + "/models");
    fs::create_directories(work_ + "/results");
    fs::create_directories(work_ + "/elsewhere");
  }
  bool StartServer(const std::vector<std::string>& extra) {
    std::vector<std::string> flags = {"--models", work_ + "/models", "--state-dir",
                                      work_ + "/state", "--threads", "2", "--job-threads", "1",
                                      "--model-poll-seconds", "0"};
    flags.insert(flags.end(), extra.begin(), extra.end());
    if (!server_.Start(flags, work_ + "/wordloomd.log")) return false;
    jobs_ = v1::Jobs::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_.grpc_port()), grpc::InsecureChannelCredentials()));
    return true;
  }
  grpc::Status StartJob(const v1::StartJobRequest& request, std::string* id = nullptr) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::StartJobResponse response;
    grpc::Status status = jobs_->StartJob(&ctx, request, &response);
    if (id != nullptr) *id = response.job_id();
    return status;
  }
  grpc::Status Describe(const std::string& id, v1::JobProperties* job) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::DescribeJobRequest request;
    request.set_job_id(id);
    v1::DescribeJobResponse response;
    grpc::Status status = jobs_->DescribeJob(&ctx, request, &response);
    *job = response.job_properties();
    return status;
  }
  std::vector<std::string> ListedIds() {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ListJobsResponse response;
    EXPECT_TRUE(jobs_->ListJobs(&ctx, v1::ListJobsRequest(), &response).ok());
    std::vector<std::string> ids;
    for (const auto& job : response.job_properties_list()) ids.push_back(job.job_id());
    return ids;
  }
  v1::JobProperties WaitForEnd(const std::string& id) {
    v1::JobProperties job;
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < deadline) {
      if (!Describe(id, &job).ok()) break;
      if (job.job_status() == v1::JobStatus::COMPLETED ||
          job.job_status() == v1::JobStatus::FAILED) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return job;
  }
  // StartJob with `request` is INVALID_ARGUMENT naming `path` and `flag`.
  void ExpectRefused(const v1::StartJobRequest& request, const std::string& path,
                     const std::string& flag) {
    grpc::Status status = StartJob(request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << path << ": " << status.error_message();
    EXPECT_TRUE(absl::StrContains(status.error_message(), path)) << status.error_message();
    EXPECT_TRUE(absl::StrContains(status.error_message(), flag)) << status.error_message();
  }

  std::string work_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::Jobs::Stub> jobs_;
};

TEST_F(JobPolicyTest, JobPathsOutsideTheAllowedRootsAreRefused) {
  fs::create_symlink(work_ + "/secret.txt", work_ + "/in/link.txt");
  fs::create_symlink(work_ + "/elsewhere", work_ + "/results/link");
  fs::create_symlink(work_ + "/in", work_ + "/in/self");  // stays inside
  ASSERT_TRUE(StartServer({"--job-input-root", work_ + "/in", "--job-output-root",
                           work_ + "/results"}))
      << server_.Log();
  const std::string in = work_ + "/in/docs.txt";
  const std::string out = work_ + "/results/a";
  for (const std::string& escape :
       {work_ + "/in/../secret.txt", work_ + "/in/link.txt", std::string("/etc/passwd"),
        "file://" + work_ + "/secret.txt", work_ + "/in/self/../../secret.txt"}) {
    ExpectRefused(TopicsJob(escape, out), std::string(absl::StripPrefix(escape, "file://")),
                  "--job-input-root");
  }
  for (const std::string& escape :
       {work_ + "/elsewhere/out", work_ + "/results/link", work_ + "/results/../elsewhere",
        std::string("/tmp/wordloom-escape"), work_ + "/secret.txt"}) {
    ExpectRefused(TopicsJob(in, escape), escape, "--job-output-root");
  }
  v1::StartJobRequest train;
  train.set_kind(v1::JobKind::TRAIN_CLASSIFIER);
  WriteFile(work_ + "/in/labelled.txt", "__label__a apple\n__label__b engine\n");
  train.mutable_input_data_config()->set_s3_uri(work_ + "/in/labelled.txt");
  train.mutable_parameters()->mutable_classifier_training()->set_validation_uri(work_ +
                                                                                "/secret.txt");
  ExpectRefused(train, work_ + "/secret.txt", "--job-input-root");

  // The JSON gateway: Comprehend's InvalidRequestException.
  const nlohmann::json start = {
      {"InputDataConfig", {{"S3Uri", "/etc/passwd"}, {"InputFormat", "ONE_DOC_PER_LINE"}}},
      {"OutputDataConfig", {{"S3Uri", out}}},
      {"DataAccessRoleArn", "arn:aws:iam::123456789012:role/comprehend"}};
  const std::string reply = testing::HttpExchange(
      server_.http_port(), testing::ComprehendRequest("StartTopicsDetectionJob", start.dump()));
  EXPECT_TRUE(absl::StartsWith(reply, "HTTP/1.1 400")) << reply;
  EXPECT_TRUE(absl::StrContains(reply, "\"__type\":\"InvalidRequestException\"")) << reply;
  EXPECT_TRUE(absl::StrContains(reply, "/etc/passwd")) << reply;
  EXPECT_TRUE(absl::StrContains(reply, work_ + "/in")) << reply;  // the allowed roots

  // Inside the roots (through a link that stays inside) and the default
  // STATE/outputs: accepted and run.
  std::string id, id2;
  ASSERT_TRUE(StartJob(TopicsJob(work_ + "/in/self/docs.txt", out), &id).ok());
  ASSERT_TRUE(StartJob(TopicsJob(in, work_ + "/state/outputs/b"), &id2).ok());
  EXPECT_EQ(WaitForEnd(id).job_status(), v1::JobStatus::COMPLETED);
  EXPECT_EQ(WaitForEnd(id2).job_status(), v1::JobStatus::COMPLETED);
  EXPECT_TRUE(fs::exists(out + "/topic-terms.csv"));
  EXPECT_TRUE(fs::exists(work_ + "/state/outputs/b/topic-terms.csv"));
  EXPECT_TRUE(fs::is_empty(work_ + "/elsewhere")) << "a refused job wrote outside the roots";
  EXPECT_FALSE(fs::exists("/tmp/wordloom-escape"));
  EXPECT_EQ(server_.Stop(std::chrono::seconds(15)), 0) << server_.Log();
}

TEST_F(JobPolicyTest, FinishedJobsExpireAfterTheRetention) {
  ASSERT_TRUE(StartServer({"--job-input-root", work_ + "/in", "--job-retention", "2s"}))
      << server_.Log();
  const std::string out = work_ + "/state/outputs/expiring";
  std::string id;
  ASSERT_TRUE(StartJob(TopicsJob(work_ + "/in/docs.txt", out), &id).ok());
  const v1::JobProperties done = WaitForEnd(id);
  ASSERT_EQ(done.job_status(), v1::JobStatus::COMPLETED) << done.message();
  EXPECT_EQ(done.output_files_size(), 3);
  EXPECT_TRUE(fs::exists(out + "/doc-topics.csv"));
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  std::vector<std::string> listed = ListedIds();
  while (!listed.empty() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    listed = ListedIds();
  }
  EXPECT_TRUE(listed.empty()) << "the finished job is still listed";
  v1::JobProperties job;
  EXPECT_EQ(Describe(id, &job).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_FALSE(fs::exists(out)) << "its outputs are left";
  EXPECT_FALSE(fs::exists(work_ + "/state/jobs/" + id + ".json"));
  EXPECT_TRUE(fs::exists(work_ + "/in/docs.txt")) << "deleted the job's input";
  EXPECT_EQ(server_.Stop(std::chrono::seconds(15)), 0) << server_.Log();
}

TEST_F(JobPolicyTest, RestartDeletesJobsOlderThanTheRetention) {
  std::string id;
  ASSERT_TRUE(StartServer({"--job-input-root", work_ + "/in", "--job-retention", "0"}))
      << server_.Log();
  ASSERT_TRUE(StartJob(TopicsJob(work_ + "/in/docs.txt", work_ + "/state/outputs/kept"), &id)
                  .ok());
  ASSERT_EQ(WaitForEnd(id).job_status(), v1::JobStatus::COMPLETED);
  EXPECT_EQ(server_.Stop(std::chrono::seconds(15)), 0) << server_.Log();
  // Kept forever with 0; a restart with a long retention keeps it too.
  ASSERT_TRUE(StartServer({"--job-retention", "1h"})) << server_.Log();
  EXPECT_EQ(ListedIds(), std::vector<std::string>{id});
  EXPECT_EQ(server_.Stop(std::chrono::seconds(15)), 0) << server_.Log();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  // It ended over a second ago: a restart with 1s deletes it at once.
  ASSERT_TRUE(StartServer({"--job-retention", "1s"})) << server_.Log();
  EXPECT_TRUE(ListedIds().empty());
  EXPECT_FALSE(fs::exists(work_ + "/state/outputs/kept"));
  EXPECT_EQ(server_.Stop(std::chrono::seconds(15)), 0) << server_.Log();
}

}  // namespace
}  // namespace wordloom::service
