// Integration: the Jobs service of the real `wordloomd` on free loopback
// ports, over tiny corpora generated here. A topics job watched to
// COMPLETED with its Comprehend outputs; a long job stopped; the error codes;
// a restart after a crash (interrupted job FAILED) and after SIGTERM (running
// job STOPPED); the Comprehend JSON job calls through curl; and the training
// and classification jobs feeding each other through the model registry;
// a train-vectors job whose model Embed then serves.
// Every wait has a deadline; servers left running are killed.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "proto/wordloom/v1/jobs.grpc.pb.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "tests/service/server_process.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

using Clock = std::chrono::steady_clock;
using wordloom::testing::ReadFile;
using wordloom::testing::WriteFile;

constexpr const char* kGroups[3][6] = {
    {"apple", "banana", "fruit", "orange", "pear", "juice"},
    {"engine", "wheel", "car", "brake", "tyre", "garage"},
    {"violin", "piano", "music", "concert", "melody", "choir"}};

// `docs` lines; line i (1-based) is about group (i - 1) % 3.
std::string TopicLines(int docs, int words_per_doc) {
  std::string out;
  for (int i = 0; i < docs; ++i) {
    for (int w = 0; w < words_per_doc; ++w) {
      absl::StrAppend(&out, w ? " " : "", kGroups[i % 3][(i * 7 + w * 5) % 6]);
    }
    out += "\n";
  }
  return out;
}

// Starts wordloomd over WORK/models and WORK/state with one job thread;
// jobs may read and write anywhere under WORK.
bool StartServer(testing::ServerProcess& server, const std::string& work,
                 const std::vector<std::string>& extra) {
  std::vector<std::string> flags = {"--models", work + "/models", "--state-dir", work + "/state",
                                    "--threads", "2", "--job-threads", "1",
                                    "--job-input-root", work, "--job-output-root", work};
  flags.insert(flags.end(), extra.begin(), extra.end());
  return server.Start(flags, work + "/wordloomd.log");
}

std::unique_ptr<v1::Jobs::Stub> JobsStub(const testing::ServerProcess& server) {
  return v1::Jobs::NewStub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.grpc_port()),
                                               grpc::InsecureChannelCredentials()));
}

std::unique_ptr<grpc::ClientContext> Ctx(int seconds = 10) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return ctx;
}

v1::StartJobRequest TopicsJob(const std::string& input, const std::string& out, int topics,
                              int iterations) {
  v1::StartJobRequest r;
  r.set_job_name("topics");
  r.set_kind(v1::JobKind::TOPICS_DETECTION);
  r.mutable_input_data_config()->set_s3_uri(input);
  r.mutable_input_data_config()->set_input_format(v1::InputFormat::ONE_DOC_PER_LINE);
  r.mutable_output_data_config()->set_s3_uri(out);
  auto* p = r.mutable_parameters()->mutable_topics_detection();
  p->set_number_of_topics(topics);
  p->set_iterations(iterations);
  p->set_seed(7);
  return r;
}

// Starts a job; "" (and a test failure) when the call fails.
std::string Start(v1::Jobs::Stub& jobs, const v1::StartJobRequest& request) {
  v1::StartJobResponse response;
  grpc::Status status = jobs.StartJob(Ctx().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.job_id();
}

grpc::StatusCode StartCode(v1::Jobs::Stub& jobs, const v1::StartJobRequest& request,
                           std::string* message = nullptr) {
  v1::StartJobResponse response;
  grpc::Status status = jobs.StartJob(Ctx().get(), request, &response);
  if (message != nullptr) *message = status.error_message();
  return status.error_code();
}

v1::JobProperties Describe(v1::Jobs::Stub& jobs, const std::string& id) {
  v1::DescribeJobRequest request;
  request.set_job_id(id);
  v1::DescribeJobResponse response;
  grpc::Status status = jobs.DescribeJob(Ctx().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.job_properties();
}

// Polls (up to `seconds`) until the job's status satisfies `done`.
v1::JobProperties WaitUntil(v1::Jobs::Stub& jobs, const std::string& id,
                            const std::function<bool(const v1::JobProperties&)>& done,
                            int seconds = 15) {
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  v1::JobProperties job;
  while (Clock::now() < deadline) {
    job = Describe(jobs, id);
    if (done(job)) return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "job " << id << " still " << v1::JobStatus::Value_Name(job.job_status());
  return job;
}

v1::JobProperties WaitFor(v1::Jobs::Stub& jobs, const std::string& id, v1::JobStatus::Value s) {
  return WaitUntil(jobs, id, [s](const v1::JobProperties& j) { return j.job_status() == s; });
}

bool Training(const v1::JobProperties& job) {
  return job.job_status() == v1::JobStatus::IN_PROGRESS && job.progress().phase() == "training";
}

// The CSV rows of `path` after the header, split at commas.
std::vector<std::vector<std::string>> CsvRows(const std::string& path, const std::string& header) {
  std::istringstream in(ReadFile(path));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, header) << path;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) rows.push_back(absl::StrSplit(line, ','));
  return rows;
}

class JobsIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = wordloom::testing::TempDir();
    input_ = work_ + "/corpus";
    WriteFile(input_ + "/part-1.txt", TopicLines(30, 12));
    WriteFile(input_ + "/part-2.txt", TopicLines(30, 12));
    std::filesystem::create_directories(work_ + "/models");
  }
  // A corpus whose LDA iterations take a while (about 10 ms each).
  std::string LongCorpus() {
    const std::string path = work_ + "/long.txt";
    WriteFile(path, TopicLines(3000, 30));
    return path;
  }

  std::string work_, input_;
};

TEST_F(JobsIntegrationTest, TopicsJobIsWatchedToCompletionAndWritesComprehendOutputs) {
  testing::ServerProcess server;
  ASSERT_TRUE(StartServer(server, work_, {})) << server.Log();
  auto jobs = JobsStub(server);
  const std::string out = work_ + "/out";
  const std::string id = Start(*jobs, TopicsJob("file://" + input_, out, 3, 300));
  ASSERT_FALSE(id.empty());

  v1::WatchJobRequest watch;
  watch.set_job_id(id);
  auto ctx = Ctx(20);
  auto reader = jobs->WatchJob(ctx.get(), watch);
  std::vector<v1::JobEvent> events;
  for (v1::JobEvent event; reader->Read(&event);) events.push_back(event);
  grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().job_status(), v1::JobStatus::COMPLETED) << events.back().message();
  float last = 0;
  std::set<std::string> phases;
  for (const v1::JobEvent& e : events) {
    EXPECT_EQ(e.job_id(), id);
    EXPECT_GE(e.progress().fraction(), last);
    last = e.progress().fraction();
    phases.insert(e.progress().phase());
  }
  EXPECT_FLOAT_EQ(last, 1.0f);
  EXPECT_TRUE(phases.count("done")) << events.size() << " events";

  const v1::JobProperties job = Describe(*jobs, id);
  EXPECT_EQ(job.progress().counters().at("documents"), 60);
  EXPECT_EQ(job.progress().counters().at("iteration"), 300);
  EXPECT_TRUE(std::filesystem::exists(out + "/model.wlm"));

  // topic-terms.csv: 10 terms per topic, highest weight first; each topic's
  // top 4 terms come from one generated group.
  std::map<std::string, std::set<int>> groups_of_topic;
  std::map<std::string, int> rows_of_topic;
  const auto terms = CsvRows(out + "/topic-terms.csv", "topic,term,weight");
  EXPECT_EQ(terms.size(), 30u);
  for (const auto& row : terms) {
    ASSERT_EQ(row.size(), 3u);
    if (++rows_of_topic[row[0]] > 4) continue;
    for (int g = 0; g < 3; ++g) {
      for (const char* word : kGroups[g]) {
        if (row[1] == word) groups_of_topic[row[0]].insert(g);
      }
    }
  }
  ASSERT_EQ(groups_of_topic.size(), 3u);
  for (const auto& [topic, groups] : groups_of_topic) EXPECT_EQ(groups.size(), 1u) << topic;

  // doc-topics.csv: every document, dominated by its group's topic.
  std::map<std::string, std::pair<std::string, double>> best;  // doc -> topic, proportion
  for (const auto& row : CsvRows(out + "/doc-topics.csv", "docname,topic,proportion")) {
    ASSERT_EQ(row.size(), 3u);
    const double p = std::stod(row[2]);
    if (p > best[row[0]].second) best[row[0]] = {row[1], p};
  }
  ASSERT_EQ(best.size(), 60u);
  std::map<int, std::set<std::string>> topics_of_group;
  for (const auto& [doc, topic] : best) {
    const int line = std::stoi(doc.substr(doc.rfind(':') + 1));
    topics_of_group[(line - 1) % 3].insert(topic.first);
  }
  for (const auto& [group, topics] : topics_of_group) EXPECT_EQ(topics.size(), 1u) << group;

  EXPECT_EQ(server.Stop(std::chrono::seconds(15)), 0) << server.Log();
}

TEST_F(JobsIntegrationTest, StopsALongJobAndAnswersErrorsWithTheRightCodes) {
  testing::ServerProcess server;
  ASSERT_TRUE(StartServer(server, work_, {"--max-queued-jobs", "1"})) << server.Log();
  auto jobs = JobsStub(server);
  const std::string long_input = LongCorpus();
  const std::string id = Start(*jobs, TopicsJob(long_input, work_ + "/long-out", 3, 100000));
  ASSERT_FALSE(id.empty());
  WaitUntil(*jobs, id, Training);

  // One queued job fits, the next does not.
  const std::string queued = Start(*jobs, TopicsJob(input_, work_ + "/q", 3, 10));
  std::string message;
  EXPECT_EQ(StartCode(*jobs, TopicsJob(input_, work_ + "/q2", 3, 10), &message),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(absl::StrContains(message, "queue is full")) << message;

  v1::StopJobRequest stop;
  stop.set_job_id(id);
  v1::StopJobResponse stopped;
  ASSERT_TRUE(jobs->StopJob(Ctx().get(), stop, &stopped).ok());
  EXPECT_EQ(stopped.job_status(), v1::JobStatus::STOP_REQUESTED);
  const v1::JobProperties job = WaitFor(*jobs, id, v1::JobStatus::STOPPED);
  EXPECT_TRUE(absl::StrContains(job.message(), "stopped by StopJob")) << job.message();
  EXPECT_TRUE(job.has_end_time());
  // Stopped early; a stop before the first iteration ends has no counter yet.
  const auto& counters = job.progress().counters();
  EXPECT_LT(counters.count("iteration") ? counters.at("iteration") : 0, 100000);

  // The queued job then runs; stopping it once COMPLETED is a precondition error.
  WaitFor(*jobs, queued, v1::JobStatus::COMPLETED);
  stop.set_job_id(queued);
  EXPECT_EQ(jobs->StopJob(Ctx().get(), stop, &stopped).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  stop.set_job_id("0123456789abcdef0123456789abcdef");
  EXPECT_EQ(jobs->StopJob(Ctx().get(), stop, &stopped).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::DescribeJobRequest describe;
  describe.set_job_id("0123456789abcdef0123456789abcdef");
  v1::DescribeJobResponse described;
  EXPECT_EQ(jobs->DescribeJob(Ctx().get(), describe, &described).error_code(),
            grpc::StatusCode::NOT_FOUND);

  EXPECT_EQ(StartCode(*jobs, TopicsJob(work_ + "/missing", work_ + "/o", 3, 10), &message),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(absl::StrContains(message, "missing")) << message;
  EXPECT_EQ(StartCode(*jobs, TopicsJob(input_, work_ + "/o", 5000, 10), &message),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(message, "number_of_topics")) << message;
  EXPECT_EQ(StartCode(*jobs, TopicsJob("s3://bucket/key", work_ + "/o", 3, 10), &message),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::StartJobRequest classify;
  classify.set_kind(v1::JobKind::DOCUMENT_CLASSIFICATION);
  classify.mutable_input_data_config()->set_s3_uri(input_);
  classify.mutable_output_data_config()->set_s3_uri(work_ + "/o");
  classify.mutable_parameters()->mutable_document_classification()->set_model_id("nope");
  EXPECT_EQ(StartCode(*jobs, classify), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(server.Stop(std::chrono::seconds(15)), 0) << server.Log();
}

TEST_F(JobsIntegrationTest, RestartListsFinishedJobsAndMarksInterruptedOnes) {
  const std::string long_input = LongCorpus();
  std::string finished, crashed, terminated;
  {
    testing::ServerProcess server;
    ASSERT_TRUE(StartServer(server, work_, {})) << server.Log();
    auto jobs = JobsStub(server);
    finished = Start(*jobs, TopicsJob(input_, work_ + "/done", 3, 20));
    WaitFor(*jobs, finished, v1::JobStatus::COMPLETED);
    crashed = Start(*jobs, TopicsJob(long_input, work_ + "/crash", 3, 100000));
    WaitUntil(*jobs, crashed, Training);
    server.Kill();
  }
  {
    testing::ServerProcess server;
    ASSERT_TRUE(StartServer(server, work_, {})) << server.Log();
    auto jobs = JobsStub(server);
    v1::ListJobsResponse listed;
    ASSERT_TRUE(jobs->ListJobs(Ctx().get(), v1::ListJobsRequest(), &listed).ok());
    ASSERT_EQ(listed.job_properties_list_size(), 2);
    EXPECT_EQ(listed.job_properties_list(0).job_id(), crashed);  // newest first
    EXPECT_EQ(Describe(*jobs, finished).job_status(), v1::JobStatus::COMPLETED);
    const v1::JobProperties interrupted = Describe(*jobs, crashed);
    EXPECT_EQ(interrupted.job_status(), v1::JobStatus::FAILED);
    EXPECT_TRUE(absl::StrContains(interrupted.message(), "interrupted")) << interrupted.message();

    terminated = Start(*jobs, TopicsJob(long_input, work_ + "/term", 3, 100000));
    WaitUntil(*jobs, terminated, Training);
    EXPECT_EQ(server.Stop(std::chrono::seconds(15)), 0) << server.Log();  // SIGTERM: the job is stopped
  }
  testing::ServerProcess server;
  ASSERT_TRUE(StartServer(server, work_, {})) << server.Log();
  auto jobs = JobsStub(server);
  const v1::JobProperties job = Describe(*jobs, terminated);
  EXPECT_EQ(job.job_status(), v1::JobStatus::STOPPED);
  EXPECT_TRUE(absl::StrContains(job.message(), "the server shut down")) << job.message();
  EXPECT_EQ(Describe(*jobs, finished).job_status(), v1::JobStatus::COMPLETED);
  EXPECT_EQ(server.Stop(std::chrono::seconds(15)), 0) << server.Log();
}

// POSTs a Comprehend JSON call; the HTTP status and the parsed reply.
int PostJson(int port, const std::string& operation, const nlohmann::json& body,
             nlohmann::json* reply) {
  const std::string body_file = wordloom::testing::TempDir() + "/body.json";
  WriteFile(body_file, body.dump());
  std::string out, err;
  const int rc = wordloom::testing::RunCommand(
      absl::StrCat("curl -s --max-time 10 -w '\\n%{http_code}' -X POST http://127.0.0.1:", port,
                   "/ -H 'X-Amz-Target: Comprehend_20171127.", operation,
                   "' -H 'Content-Type: application/x-amz-json-1.1' --data-binary @", body_file),
      &out, &err);
  EXPECT_EQ(rc, 0) << err;
  const size_t nl = out.rfind('\n');
  *reply = nlohmann::json::parse(out.substr(0, nl), nullptr, false);
  return nl == std::string::npos ? -1 : std::stoi(out.substr(nl + 1));
}

TEST_F(JobsIntegrationTest, ComprehendJsonStartsDescribesAndListsTopicsJobs) {
  testing::ServerProcess server;
  ASSERT_TRUE(StartServer(server, work_, {})) << server.Log();
  const int port = server.http_port();
  nlohmann::json reply;
  const nlohmann::json start = {
      {"JobName", "json-topics"},
      {"InputDataConfig", {{"S3Uri", "file://" + input_}, {"InputFormat", "ONE_DOC_PER_LINE"}}},
      {"OutputDataConfig", {{"S3Uri", work_ + "/json-out"}}},
      {"DataAccessRoleArn", "arn:aws:iam::123456789012:role/comprehend"},
      {"NumberOfTopics", 3}};
  ASSERT_EQ(PostJson(port, "StartTopicsDetectionJob", start, &reply), 200) << reply;
  const std::string id = reply["JobId"];
  EXPECT_EQ(reply["JobStatus"], "SUBMITTED");
  EXPECT_TRUE(absl::EndsWith(reply["JobArn"].get<std::string>(), "topics-detection-job/" + id));

  nlohmann::json props;
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  while (Clock::now() < deadline) {
    ASSERT_EQ(PostJson(port, "DescribeTopicsDetectionJob", {{"JobId", id}}, &reply), 200) << reply;
    props = reply["TopicsDetectionJobProperties"];
    if (props["JobStatus"] == "COMPLETED" || props["JobStatus"] == "FAILED") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(props["JobStatus"], "COMPLETED") << props;
  EXPECT_EQ(props["JobId"], id);
  EXPECT_EQ(props["JobName"], "json-topics");
  EXPECT_EQ(props["NumberOfTopics"], 3);
  EXPECT_EQ(props["InputDataConfig"]["S3Uri"], "file://" + input_);
  EXPECT_EQ(props["InputDataConfig"]["InputFormat"], "ONE_DOC_PER_LINE");
  ASSERT_TRUE(props["SubmitTime"].is_number()) << props;
  ASSERT_TRUE(props["EndTime"].is_number()) << props;
  EXPECT_GE(props["EndTime"].get<double>(), props["SubmitTime"].get<double>());
  EXPECT_GT(props["SubmitTime"].get<double>(), 1.7e9);  // epoch seconds, not ms
  EXPECT_EQ(CsvRows(work_ + "/json-out/topic-terms.csv", "topic,term,weight").size(), 30u);

  ASSERT_EQ(PostJson(port, "ListTopicsDetectionJobs", {{"Filter", {{"JobStatus", "COMPLETED"}}}},
                     &reply), 200) << reply;
  ASSERT_EQ(reply["TopicsDetectionJobPropertiesList"].size(), 1u) << reply;
  EXPECT_EQ(reply["TopicsDetectionJobPropertiesList"][0]["JobId"], id);

  EXPECT_EQ(PostJson(port, "DescribeTopicsDetectionJob", {{"JobId", "feedfacefeedface"}}, &reply), 400);
  EXPECT_EQ(reply["__type"], "JobNotFoundException") << reply;
  EXPECT_EQ(PostJson(port, "DescribeDocumentClassificationJob", {{"JobId", id}}, &reply), 400);
  EXPECT_EQ(reply["__type"], "JobNotFoundException") << reply;  // a topics job, not this kind
  // An indexed corpus in the state directory is input too, as corpus://NAME.
  auto indexed = wordloom::testing::RunWordloom(absl::StrCat(
      "index --input ", input_, " --format lines --out ", work_, "/state/corpora/news 2>&1"));
  ASSERT_EQ(indexed.exit_code, 0) << indexed.out;
  nlohmann::json from_store = start;
  from_store["InputDataConfig"] = {{"S3Uri", "corpus://news"}};
  from_store["OutputDataConfig"]["S3Uri"] = work_ + "/store-out";
  ASSERT_EQ(PostJson(port, "StartTopicsDetectionJob", from_store, &reply), 200) << reply;
  const std::string store_id = reply["JobId"];
  auto jobs = JobsStub(server);
  const v1::JobProperties store_job = WaitFor(*jobs, store_id, v1::JobStatus::COMPLETED);
  EXPECT_EQ(store_job.progress().counters().at("documents"), 60) << store_job.message();
  std::set<std::string> store_docs;
  for (const auto& row : CsvRows(work_ + "/store-out/doc-topics.csv", "docname,topic,proportion")) {
    store_docs.insert(row[0]);
  }
  EXPECT_EQ(store_docs.size(), 60u);
  from_store["InputDataConfig"]["S3Uri"] = "corpus://absent";
  EXPECT_EQ(PostJson(port, "StartTopicsDetectionJob", from_store, &reply), 400);
  EXPECT_EQ(reply["__type"], "InvalidRequestException") << reply;

  nlohmann::json no_input = start;
  no_input.erase("InputDataConfig");
  EXPECT_EQ(PostJson(port, "StartTopicsDetectionJob", no_input, &reply), 400);
  EXPECT_EQ(reply["__type"], "InvalidRequestException") << reply;
  nlohmann::json missing = start;
  missing["InputDataConfig"]["S3Uri"] = work_ + "/no-such-dir";
  EXPECT_EQ(PostJson(port, "StartTopicsDetectionJob", missing, &reply), 400);
  EXPECT_EQ(reply["__type"], "InvalidRequestException") << reply;
  EXPECT_TRUE(absl::StrContains(reply["message"].get<std::string>(), "no-such-dir")) << reply;
  nlohmann::json too_many = start;
  too_many["NumberOfTopics"] = 101;
  EXPECT_EQ(PostJson(port, "StartTopicsDetectionJob", too_many, &reply), 400);
  EXPECT_EQ(reply["__type"], "InvalidRequestException") << reply;
  EXPECT_EQ(server.Stop(std::chrono::seconds(15)), 0) << server.Log();
}

TEST_F(JobsIntegrationTest, TrainedClassifierServesAClassificationJob) {
  std::string labelled, unlabelled;
  for (int i = 0; i < 30; ++i) {
    labelled += "__label__sports football match goal team player score\n";
    labelled += "__label__food pasta recipe sauce cheese bake dinner\n";
  }
  WriteFile(work_ + "/labelled.txt", labelled);
  WriteFile(work_ + "/docs/new.txt", "a goal in the match\ncheese for the pasta\nthe team scored\n");
  testing::ServerProcess server;
  ASSERT_TRUE(StartServer(server, work_, {})) << server.Log();
  auto jobs = JobsStub(server);

  v1::StartJobRequest train;
  train.set_kind(v1::JobKind::TRAIN_CLASSIFIER);
  train.mutable_input_data_config()->set_s3_uri(work_ + "/labelled.txt");
  auto* cp = train.mutable_parameters()->mutable_classifier_training();
  cp->set_epochs(20);
  cp->set_dim(10);
  cp->set_learning_rate(0.5);
  cp->set_model_id("genre");
  const v1::JobProperties trained =
      WaitFor(*jobs, Start(*jobs, train), v1::JobStatus::COMPLETED);
  EXPECT_EQ(trained.output_model_id(), "genre") << trained.message();
  EXPECT_TRUE(std::filesystem::exists(work_ + "/models/genre.wlm"));
  EXPECT_EQ(StartCode(*jobs, train), grpc::StatusCode::ALREADY_EXISTS);  // id taken now

  nlohmann::json reply;
  const nlohmann::json classify = {
      {"DocumentClassifierArn", "arn:aws:comprehend:us-east-1:123456789012:document-classifier/genre"},
      {"InputDataConfig", {{"S3Uri", work_ + "/docs"}, {"InputFormat", "ONE_DOC_PER_LINE"}}},
      {"OutputDataConfig", {{"S3Uri", work_ + "/predictions"}}},
      {"DataAccessRoleArn", "arn:aws:iam::123456789012:role/comprehend"}};
  ASSERT_EQ(PostJson(server.http_port(), "StartDocumentClassificationJob", classify, &reply), 200)
      << reply;
  const v1::JobProperties classified =
      WaitFor(*jobs, reply["JobId"].get<std::string>(), v1::JobStatus::COMPLETED);
  EXPECT_EQ(classified.kind(), v1::JobKind::DOCUMENT_CLASSIFICATION) << classified.message();
  std::istringstream lines(ReadFile(work_ + "/predictions/predictions.jsonl"));
  std::vector<std::string> labels;
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json prediction = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(prediction.is_discarded()) << line;
    EXPECT_EQ(prediction["File"], "new.txt") << line;
    EXPECT_EQ(prediction["Line"], std::to_string(labels.size())) << line;
    ASSERT_EQ(prediction["Classes"].size(), 1u) << line;
    labels.push_back(prediction["Classes"][0]["Name"]);
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"sports", "food", "sports"}));

  EXPECT_EQ(server.Stop(std::chrono::seconds(15)), 0) << server.Log();
}

// The unit-length mean of the unit-normalised `rows` (Embed's text vector
// with normalize set).
std::vector<double> UnitMeanOfUnitRows(const std::vector<std::vector<float>>& rows) {
  std::vector<double> mean(rows.empty() ? 0 : rows[0].size());
  for (const auto& row : rows) {
    double norm = 0;
    for (float v : row) norm += static_cast<double>(v) * v;
    for (size_t i = 0; i < row.size(); ++i) mean[i] += row[i] / std::sqrt(norm);
  }
  double norm = 0;
  for (double v : mean) norm += v * v;
  for (double& v : mean) v /= std::sqrt(norm);
  return mean;
}

// A TRAIN_VECTORS job writes <models>/<id>.wlm and registers it: Embed with
// that model id answers with vectors of the requested dimension.
TEST_F(JobsIntegrationTest, TrainVectorsJobModelServesEmbed) {
  testing::ServerProcess server;
  ASSERT_TRUE(StartServer(server, work_, {})) << server.Log();
  auto jobs = JobsStub(server);
  v1::StartJobRequest vectors;
  vectors.set_kind(v1::JobKind::TRAIN_VECTORS);
  vectors.mutable_input_data_config()->set_s3_uri(input_);
  vectors.mutable_input_data_config()->set_input_format(v1::InputFormat::ONE_DOC_PER_LINE);
  vectors.mutable_output_data_config()->set_s3_uri(work_ + "/vectors");
  auto* vp = vectors.mutable_parameters()->mutable_vectors_training();
  vp->set_vector_dim(8);
  vp->set_min_count(1);
  vp->set_epochs(3);
  vp->set_model_id("words");
  const v1::JobProperties embedded = WaitFor(*jobs, Start(*jobs, vectors), v1::JobStatus::COMPLETED);
  EXPECT_EQ(embedded.output_model_id(), "words") << embedded.message();
  EXPECT_TRUE(std::filesystem::exists(work_ + "/models/words.wlm"));
  std::istringstream vec(ReadFile(work_ + "/vectors/vectors.vec"));
  int rows = 0, dim = 0;
  vec >> rows >> dim;
  EXPECT_EQ(rows, 18);  // the generated vocabulary
  EXPECT_EQ(dim, 8);

  auto analytics = v1::TextAnalytics::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server.grpc_port()), grpc::InsecureChannelCredentials()));
  v1::EmbedRequest embed;
  embed.set_text("apple, banana!");
  embed.set_model_id("words");
  embed.mutable_options()->set_normalize(true);
  embed.mutable_options()->set_include_token_embeddings(true);
  v1::EmbedResponse response;
  grpc::Status status = analytics->Embed(Ctx().get(), embed, &response);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << server.Log();
  EXPECT_EQ(response.dimension(), 8);
  ASSERT_EQ(response.embedding_size(), 8);
  ASSERT_EQ(response.token_embeddings_size(), 2);  // punctuation is not embedded
  std::vector<std::vector<float>> token_rows;
  for (const v1::TokenEmbedding& t : response.token_embeddings()) {
    ASSERT_EQ(t.embedding_size(), 8) << t.token().text();
    token_rows.emplace_back(t.embedding().begin(), t.embedding().end());
  }
  EXPECT_EQ(response.token_embeddings(0).token().text(), "apple");
  const std::vector<double> expected = UnitMeanOfUnitRows(token_rows);
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(response.embedding(i), expected[i], 1e-5) << i;

  embed.set_model_id("no-such-vectors");
  EXPECT_EQ(analytics->Embed(Ctx().get(), embed, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(server.Stop(std::chrono::seconds(15)), 0) << server.Log();
}

}  // namespace
}  // namespace wordloom::service
