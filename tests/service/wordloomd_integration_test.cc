// Integration: the real `wordloomd` binary on free loopback ports, over a
// temporary model directory holding models trained here with the `wordloom`
// CLI (train-topics on a tiny corpus, train-entities on a tiny CoNLL
// snippet, train-sentiment, train-classifier) plus a keyphrase background
// vocabulary. Every wired
// TextAnalytics call goes through a C++ gRPC client, one Comprehend JSON
// call through curl; then SIGTERM must stop the server cleanly. Bounded:
// every wait has a deadline, and the server is killed if it does not stop.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "proto/grpc/health/v1/health.grpc.pb.h"
#include "proto/wordloom/v1/ingest.grpc.pb.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "tests/service/server_process.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

// A loopback TCP connection that sends the HTTP/2 client preface and an
// empty SETTINGS frame, then never reads or writes again: a client that
// never answers the server's GOAWAY. The fd, or -1.
int SilentHttp2Connection(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  static constexpr char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\x04\0\0\0\0";
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      write(fd, kPreface, sizeof(kPreface) - 1) != static_cast<ssize_t>(sizeof(kPreface) - 1)) {
    if (fd >= 0) close(fd);
    return -1;
  }
  return fd;
}

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

  testing::ServerProcess server;
  ASSERT_TRUE(server.Start({"--models", models, "--threads", "2"}, work + "/wordloomd.log"))
      << server.Log();
  const int grpc_port = server.grpc_port(), http_port = server.http_port();

  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", grpc_port),
                                     grpc::InsecureChannelCredentials());
  auto stub = v1::TextAnalytics::NewStub(channel);
  CheckGrpcCalls(*stub);
  CheckComprehendJson(http_port);

  EXPECT_EQ(server.Stop(std::chrono::seconds(10)), 0) << server.Log();
}

v1::IngestRequest IngestDoc(int i) {
  v1::IngestRequest r;
  r.mutable_document()->set_id(absl::StrCat("d", i));
  r.mutable_document()->set_text(absl::StrCat("apple car ", i));
  return r;
}

// SIGTERM: idle connections (a C++ channel after its calls, and a client
// that never answers GOAWAY) must not hold the server up (before, grpc's
// Shutdown waited for them to close until the drain deadline), while a call in flight
// is drained: an ingest stream open at SIGTERM goes on, and every document
// sent is written. The exit bound (10 s) is generous, not a measurement:
// this server exits in well under a second, while one that waits for the
// silent connection holds until gRPC's own GOAWAY ping timeout (20 s) or
// the drain deadline (120 s).
TEST(WordloomdIntegrationTest, SigtermClosesIdleConnectionsAndDrainsInFlightCalls) {
  const std::string work = wordloom::testing::TempDir();
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start({"--models", work + "/models", "--state-dir", work + "/state",
                            "--drain-seconds", "120"},
                           work + "/wordloomd.log"))
      << server.Log();
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.grpc_port()),
                                     grpc::InsecureChannelCredentials());
  v1::TokenizeRequest tokenize;
  tokenize.set_text("An idle channel after this call.");
  v1::TokenizeResponse tokens;
  grpc::Status status = v1::TextAnalytics::NewStub(channel)->Tokenize(Ctx().get(), tokenize, &tokens);
  ASSERT_TRUE(status.ok()) << status.error_message();
  auto idle = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.grpc_port()),
                                  grpc::InsecureChannelCredentials());
  ASSERT_TRUE(v1::TextAnalytics::NewStub(idle)->Tokenize(Ctx().get(), tokenize, &tokens).ok());
  const int silent = SilentHttp2Connection(server.grpc_port());
  ASSERT_GE(silent, 0) << strerror(errno);

  auto ingest = v1::Ingest::NewStub(channel);
  auto ctx = Ctx();
  v1::IngestResponse response;
  auto writer = ingest->IngestDocuments(ctx.get(), &response);
  v1::IngestRequest header;
  header.mutable_header()->set_corpus_name("drain");
  header.mutable_header()->set_create_if_missing(true);
  ASSERT_TRUE(writer->Write(header));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(writer->Write(IngestDoc(i)));

  // In flight on the server (not just sent) once the corpus exists.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!std::filesystem::exists(work + "/state/corpora/drain") &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(std::filesystem::exists(work + "/state/corpora/drain"));
  server.Terminate();
  while (server.Log().find("server.stopping") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_NE(server.Log().find("server.stopping"), std::string::npos) << server.Log();
  for (int i = 10; i < 20; ++i) ASSERT_TRUE(writer->Write(IngestDoc(i)));
  ASSERT_TRUE(writer->WritesDone());
  status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << server.Log();
  EXPECT_EQ(response.documents_received(), 20);
  EXPECT_EQ(response.documents_written(), 20);

  EXPECT_EQ(server.WaitForExit(std::chrono::seconds(10)), 0) << server.Log();
  close(silent);
}


// grpc.health.v1 as wordloomd serves it itself: Check per service, NOT_FOUND
// for an unknown one, and a Watch stream that hears SERVING, then
// NOT_SERVING when SIGTERM starts the drain, and ends without holding the
// server up.
TEST(WordloomdIntegrationTest, HealthCheckAndWatchFollowTheServerState) {
  using grpc::health::v1::Health;
  using grpc::health::v1::HealthCheckRequest;
  using grpc::health::v1::HealthCheckResponse;
  const std::string work = wordloom::testing::TempDir();
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start({"--models", work + "/models", "--state-dir", work + "/state"},
                           work + "/wordloomd.log"))
      << server.Log();
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.grpc_port()),
                                     grpc::InsecureChannelCredentials());
  auto health = Health::NewStub(channel);
  for (const char* service : {"", "wordloom.v1.TextAnalytics", "wordloom.v1.Ingest"}) {
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    const grpc::Status status = health->Check(Ctx().get(), request, &response);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << service;
  }
  HealthCheckRequest unknown;
  unknown.set_service("no.such.Service");
  HealthCheckResponse response;
  const grpc::Status missing = health->Check(Ctx().get(), unknown, &response);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(missing.error_message().find("no.such.Service"), std::string::npos);

  grpc::ClientContext watch_ctx;
  watch_ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  HealthCheckRequest whole;
  auto watch = health->Watch(&watch_ctx, whole);
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  server.Terminate();
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::NOT_SERVING);
  while (watch->Read(&response)) {
  }
  EXPECT_FALSE(watch->Finish().ok());
  EXPECT_EQ(server.WaitForExit(std::chrono::seconds(10)), 0) << server.Log();
}

}  // namespace
}  // namespace wordloom::service
