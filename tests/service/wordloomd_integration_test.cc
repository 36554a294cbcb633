// Integration: the real `wordloomd` binary on free loopback ports, over a
// temporary model directory holding models trained here with the `wordloom`
// CLI (train-topics on a tiny corpus, train-entities on a tiny CoNLL
// snippet, train-sentiment, train-classifier) plus a keyphrase background
// vocabulary. Every wired
// TextAnalytics call goes through a C++ gRPC client, one Comprehend JSON
// call through curl; then SIGTERM must stop the server cleanly. Bounded:
// every wait has a deadline, and the server is killed if it does not stop.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "tests/test_util.h"

extern char** environ;

namespace wordloom::service {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kConll[] =
    "John NNP I-PER\nSmith NNP I-PER\nvisited VBD O\nParis NNP I-LOC\n. . O\n\n"
    "Acme NNP I-ORG\nCorp NNP I-ORG\nhired VBD O\nMary NNP I-PER\nJones NNP I-PER\n. . O\n\n"
    "Mary NNP I-PER\nflew VBD O\nto TO O\nRome NNP I-LOC\nwith IN O\nJohn NNP I-PER\n. . O\n\n"
    "Globex NNP I-ORG\nbought VBD O\nAcme NNP I-ORG\nCorp NNP I-ORG\nin IN O\nParis NNP I-LOC\n"
    ". . O\n\n"
    "Paris NNP I-LOC\nand CC O\nRome NNP I-LOC\nwelcomed VBD O\nGlobex NNP I-ORG\n. . O\n";

// Documents of two clear topics, one per line.
std::string TopicCorpus() {
  std::string out;
  for (int i = 0; i < 20; ++i) {
    out += i % 2 == 0 ? "apple banana fruit orange apple pear fruit juice\n"
                      : "engine wheel car brake engine tyre car garage\n";
  }
  return out;
}

// wordloomd started with posix_spawn; Stop() sends SIGTERM and waits.
class ServerProcess {
 public:
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool Start(const std::vector<std::string>& args, const std::string& log) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) pid_ = -1;
    return rc == 0;
  }
  // SIGTERM, then the exit status within `timeout` (-1 if it had to be killed).
  int Stop(std::chrono::seconds timeout) {
    kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + timeout;
    int status = 0;
    while (Clock::now() < deadline) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;  // the destructor kills it
  }
  bool Running() { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return ctx;
}

void TrainModels(const std::string& work, const std::string& models) {
  wordloom::testing::WriteFile(work + "/corpus.txt", TopicCorpus());
  auto topics = wordloom::testing::RunWordloom(absl::StrCat(
      "train-topics --input ", work, "/corpus.txt --format lines --topics 2 --out ", work,
      "/lda --iterations 50 --threads 1 --seed 3 --min-count 1 --quiet"));
  ASSERT_EQ(topics.exit_code, 0) << topics.err;
  ASSERT_EQ(std::rename((work + "/lda/model.wlm").c_str(), (models + "/news.wlm").c_str()), 0);
  wordloom::testing::WriteFile(work + "/train.conll", kConll);
  auto ner = wordloom::testing::RunWordloom(absl::StrCat(
      "train-entities --train ", work, "/train.conll --output ", models,
      "/ner.wlm --epochs 20 --gazetteer-folds 0 --seed 1 2>&1"));
  ASSERT_EQ(ner.exit_code, 0) << ner.out;
  std::string reviews, labelled;
  for (const char* subject : {"film", "food", "hotel", "book", "show"}) {
    for (const char* good : {"great", "wonderful", "lovely", "superb"}) {
      absl::StrAppend(&reviews, "A ", good, " ", subject, ".\t1\n");
    }
    for (const char* bad : {"awful", "terrible", "dreadful", "horrible"}) {
      absl::StrAppend(&reviews, "A ", bad, " ", subject, ".\t0\n");
    }
  }
  wordloom::testing::WriteFile(work + "/reviews.tsv", reviews);
  auto mood = wordloom::testing::RunWordloom(absl::StrCat(
      "train-sentiment --uci ", work, "/reviews.tsv --output ", models, "/mood.wlm 2>&1"));
  ASSERT_EQ(mood.exit_code, 0) << mood.out;
  for (int i = 0; i < 20; ++i) {
    labelled += "__label__sports football match goal team player score\n";
    labelled += "__label__food pasta recipe sauce cheese bake dinner\n";
  }
  wordloom::testing::WriteFile(work + "/labelled.txt", labelled);
  auto genre = wordloom::testing::RunWordloom(absl::StrCat(
      "train-classifier --input ", work, "/labelled.txt --output ", models,
      "/genre.wlm --epoch 20 --dim 10 --lr 0.5 --bucket 1000 --threads 1 --seed 1 2>&1"));
  ASSERT_EQ(genre.exit_code, 0) << genre.out;
  wordloom::testing::WriteFile(models + "/background.vocab",
                               "#wordloom-vocab v1 1000\nthe\t5000\t1000\ndata\t3000\t1000\n");
}

// "GRPC_PORT HTTP_PORT" from the port file, waiting up to 10 s.
bool ReadPorts(const std::string& path, ServerProcess& server, int* grpc_port, int* http_port) {
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline && server.Running()) {
    std::ifstream in(path);
    if (in >> *grpc_port >> *http_port) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void CheckGrpcCalls(v1::TextAnalytics::Stub& stub) {
  v1::DetectPiiEntitiesRequest pii;
  pii.set_text("Mary flew to Rome with John . Mail bob@example.com");
  pii.mutable_options()->add_pii_entity_types(v1::PiiEntityType::EMAIL);
  v1::DetectPiiEntitiesResponse pii_response;
  grpc::Status status = stub.DetectPiiEntities(Ctx().get(), pii, &pii_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(pii_response.entities_size(), 1);
  EXPECT_EQ(pii_response.entities(0).begin_offset(), 35);

  v1::BatchDetectEntitiesRequest entities;
  entities.add_text_list("Mary flew to Rome with John .");
  entities.add_text_list("");
  v1::BatchDetectEntitiesResponse entities_response;
  status = stub.BatchDetectEntities(Ctx().get(), entities, &entities_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(entities_response.result_list_size(), 1);
  const auto& found = entities_response.result_list(0).entities();
  ASSERT_EQ(found.size(), 3);
  EXPECT_EQ(found[1].text(), "Rome");
  EXPECT_EQ(found[1].type(), v1::EntityType::LOCATION);
  EXPECT_EQ(entities_response.error_list_size(), 1);

  v1::DetectKeyPhrasesRequest phrases;
  phrases.set_text("Data matters. Quantum sensors need data. Data data.");
  v1::DetectKeyPhrasesResponse phrases_response;
  status = stub.DetectKeyPhrases(Ctx().get(), phrases, &phrases_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(phrases_response.key_phrases_size(), 1);
  // Background idf ("data" in every background document, "matters" in none;
  // "need" splits "Quantum sensors" from "data"); idf 1 would give "Data".
  EXPECT_EQ(phrases_response.key_phrases(0).text(), "Data matters");

  v1::BatchDetectTopicsRequest topics;
  topics.set_model_id("news");
  topics.add_text_list("fruit apple banana juice");
  topics.add_text_list("car engine garage brake");
  v1::BatchDetectTopicsResponse topics_response;
  status = stub.BatchDetectTopics(Ctx().get(), topics, &topics_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(topics_response.result_list_size(), 2);
  const auto& fruit = topics_response.result_list(0).topics(0);
  const auto& car = topics_response.result_list(1).topics(0);
  EXPECT_NE(fruit.topic(), car.topic());
  EXPECT_GT(fruit.proportion(), 0.6f);
  EXPECT_GT(car.proportion(), 0.6f);

  v1::BatchDetectSentimentRequest mood;
  mood.add_text_list("A superb show.");
  mood.add_text_list("A horrible hotel.");
  v1::BatchDetectSentimentResponse mood_response;
  status = stub.BatchDetectSentiment(Ctx().get(), mood, &mood_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(mood_response.result_list_size(), 2);
  EXPECT_EQ(mood_response.result_list(0).sentiment(), v1::Sentiment::POSITIVE);
  EXPECT_EQ(mood_response.result_list(1).sentiment(), v1::Sentiment::NEGATIVE);

  v1::ClassifyTextRequest classify;
  classify.set_text("cheese sauce for the pasta");
  classify.set_model_id("genre");
  v1::ClassifyTextResponse classify_response;
  status = stub.ClassifyText(Ctx().get(), classify, &classify_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(classify_response.classes_size(), 1);
  EXPECT_EQ(classify_response.classes(0).name(), "food");

  v1::DetectTopicsRequest unknown;
  unknown.set_text("apple");
  unknown.set_model_id("nope");
  v1::DetectTopicsResponse unknown_response;
  EXPECT_EQ(stub.DetectTopics(Ctx().get(), unknown, &unknown_response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

void CheckComprehendJson(int http_port) {
  std::string out, err;
  const std::string body = R"({"Text": "Olá! Mary flew to Rome with John .", "LanguageCode": "en"})";
  const int rc = wordloom::testing::RunCommand(
      absl::StrCat("curl -s --max-time 10 -X POST http://127.0.0.1:", http_port,
                   "/ -H 'X-Amz-Target: Comprehend_20171127.DetectEntities' "
                   "-H 'Content-Type: application/x-amz-json-1.1' --data-binary '",
                   body, "'"),
      &out, &err);
  ASSERT_EQ(rc, 0) << err;
  nlohmann::json reply = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(reply.is_discarded()) << out;
  ASSERT_TRUE(reply["Entities"].is_array()) << out;
  int checked = 0;
  for (const nlohmann::json& e : reply["Entities"]) {
    if (e["Text"] == "Mary") {
      EXPECT_EQ(e["Type"], "PERSON");
      EXPECT_EQ(e["BeginOffset"], 5) << out;  // characters: "Olá! " is 5 (6 bytes)
      EXPECT_EQ(e["EndOffset"], 9) << out;
      ++checked;
    } else if (e["Text"] == "Rome") {
      EXPECT_EQ(e["Type"], "LOCATION");
      EXPECT_EQ(e["BeginOffset"], 18) << out;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2) << out;
}

TEST(WordloomdIntegrationTest, ServesEachWiredCallOverGrpcAndJson) {
  const std::string work = wordloom::testing::TempDir();
  const std::string models = work + "/models";
  wordloom::testing::WriteFile(models + "/README", "not a model\n");
  TrainModels(work, models);
  if (HasFatalFailure()) return;

  ServerProcess server;
  const std::string port_file = work + "/ports";
  ASSERT_TRUE(server.Start({wordloom::testing::BinaryDir() + "/bin/wordloomd", "--host",
                            "127.0.0.1", "--port", "0", "--http-port", "0", "--models", models,
                            "--threads", "2", "--port-file", port_file},
                           work + "/wordloomd.log"));
  int grpc_port = 0, http_port = 0;
  ASSERT_TRUE(ReadPorts(port_file, server, &grpc_port, &http_port))
      << wordloom::testing::ReadFile(work + "/wordloomd.log");

  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", grpc_port),
                                     grpc::InsecureChannelCredentials());
  auto stub = v1::TextAnalytics::NewStub(channel);
  CheckGrpcCalls(*stub);
  CheckComprehendJson(http_port);

  EXPECT_EQ(server.Stop(std::chrono::seconds(10)), 0)
      << wordloom::testing::ReadFile(work + "/wordloomd.log");
}

}  // namespace
}  // namespace wordloom::service
