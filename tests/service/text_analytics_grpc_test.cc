// The newly wired TextAnalytics calls through a real gRPC server on a free
// loopback port (in-process Server, C++ client stub): results, byte offsets
// and the status codes of the error paths.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "service/log.h"
#include "service/server.h"
#include "tests/service/test_models.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

constexpr char kSentence[] = "Mary flew to Rome with John .";

class TextAnalyticsGrpcTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SetLogEnabled(false);
    const std::string dir = wordloom::testing::TempDir();
    testing::WriteEntitiesModel(dir + "/ner.wlm");
    testing::WriteTopicsModel(dir + "/news.wlm");
    testing::WriteSentimentModel(dir + "/mood.wlm");
    testing::WriteClassifierModel(dir + "/genre.wlm");
    ServerOptions options;
    options.host = "127.0.0.1";
    options.grpc_port = 0;
    options.http_port = -1;
    options.models_dir = dir;
    options.model_poll_interval = absl::ZeroDuration();
    options.worker_threads = 2;
    auto server = Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                                       grpc::InsecureChannelCredentials());
    stub_ = v1::TextAnalytics::NewStub(channel).release();
  }
  static void TearDownTestSuite() {
    delete stub_;
    if (server_ != nullptr) server_->Shutdown();
    delete server_;
  }
  // A context with a deadline, so a hung server fails the test instead of
  // hanging it.
  static std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return ctx;
  }

  static Server* server_;
  static v1::TextAnalytics::Stub* stub_;
};
Server* TextAnalyticsGrpcTest::server_ = nullptr;
v1::TextAnalytics::Stub* TextAnalyticsGrpcTest::stub_ = nullptr;

TEST_F(TextAnalyticsGrpcTest, DetectPiiEntities) {
  v1::DetectPiiEntitiesRequest request;
  request.set_text("Héllo: bob@example.com");  // byte offsets: 'é' is 2 bytes
  request.mutable_options()->set_mask_mode(v1::MaskMode::REPLACE_WITH_PII_ENTITY_TYPE);
  v1::DetectPiiEntitiesResponse response;
  grpc::Status status = stub_->DetectPiiEntities(Ctx().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.entities_size(), 1);
  EXPECT_EQ(response.entities(0).type(), v1::PiiEntityType::EMAIL);
  EXPECT_EQ(response.entities(0).begin_offset(), 8);
  EXPECT_EQ(response.entities(0).end_offset(), 23);
  EXPECT_EQ(response.redacted_text(), "Héllo: [EMAIL]");

  request.set_text("");
  status = stub_->DetectPiiEntities(Ctx().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TextAnalyticsGrpcTest, DetectEntitiesAndBatch) {
  v1::DetectEntitiesRequest request;
  request.set_text(kSentence);
  v1::DetectEntitiesResponse response;
  grpc::Status status = stub_->DetectEntities(Ctx().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.entities_size(), 3);
  EXPECT_EQ(response.entities(1).text(), "Rome");
  EXPECT_EQ(response.entities(1).type(), v1::EntityType::LOCATION);
  EXPECT_EQ(response.entities(1).begin_offset(), 13);

  request.set_model_id("nope");
  EXPECT_EQ(stub_->DetectEntities(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_model_id("news");
  EXPECT_EQ(stub_->DetectEntities(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::BatchDetectEntitiesRequest batch;
  batch.add_text_list(kSentence);
  batch.add_text_list("");
  v1::BatchDetectEntitiesResponse batch_response;
  status = stub_->BatchDetectEntities(Ctx().get(), batch, &batch_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(batch_response.result_list_size(), 1);
  ASSERT_EQ(batch_response.error_list_size(), 1);
  EXPECT_EQ(batch_response.error_list(0).index(), 1);
}

TEST_F(TextAnalyticsGrpcTest, DetectKeyPhrasesAndBatch) {
  v1::DetectKeyPhrasesRequest request;
  request.set_text("Data matters. Quantum sensors need data. Data data.");
  v1::DetectKeyPhrasesResponse response;
  grpc::Status status = stub_->DetectKeyPhrases(Ctx().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(response.key_phrases_size(), 2);
  EXPECT_EQ(response.key_phrases(0).text(), "Data");

  v1::BatchDetectKeyPhrasesRequest batch;
  for (int i = 0; i < 26; ++i) batch.add_text_list("Data matters.");
  v1::BatchDetectKeyPhrasesResponse batch_response;
  EXPECT_EQ(stub_->BatchDetectKeyPhrases(Ctx().get(), batch, &batch_response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TextAnalyticsGrpcTest, DetectTopicsAndBatch) {
  v1::DetectTopicsRequest request;
  request.set_text("car engine wheel");
  request.set_model_id("news");
  request.mutable_options()->set_top_terms(3);
  v1::DetectTopicsResponse response;
  grpc::Status status = stub_->DetectTopics(Ctx().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(response.topics_size(), 1);
  EXPECT_EQ(response.topics(0).topic(), 1);
  ASSERT_EQ(response.topics(0).top_terms_size(), 3);
  EXPECT_GT(response.topics(0).top_terms(0).weight(), 0.2f);

  request.clear_model_id();
  EXPECT_EQ(stub_->DetectTopics(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::BatchDetectTopicsRequest batch;
  batch.set_model_id("news");
  batch.add_text_list("apple fruit");
  batch.add_text_list("brake car");
  v1::BatchDetectTopicsResponse batch_response;
  status = stub_->BatchDetectTopics(Ctx().get(), batch, &batch_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(batch_response.result_list_size(), 2);
  EXPECT_EQ(batch_response.result_list(1).topics(0).topic(), 1);
}

TEST_F(TextAnalyticsGrpcTest, DetectSentimentAndBatch) {
  v1::DetectSentimentRequest request;
  request.set_text("A wonderful film. A terrible hotel.");
  v1::DetectSentimentResponse response;
  grpc::Status status = stub_->DetectSentiment(Ctx().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.sentences_size(), 2);
  EXPECT_EQ(response.sentences(0).sentiment(), v1::Sentiment::POSITIVE);
  EXPECT_EQ(response.sentences(1).sentiment(), v1::Sentiment::NEGATIVE);

  request.set_text(std::string(5001, 'a'));  // Comprehend's 5 KB limit
  EXPECT_EQ(stub_->DetectSentiment(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::BatchDetectSentimentRequest batch;
  batch.add_text_list("A lovely book.");
  batch.add_text_list("An awful book.");
  v1::BatchDetectSentimentResponse batch_response;
  status = stub_->BatchDetectSentiment(Ctx().get(), batch, &batch_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(batch_response.result_list_size(), 2);
  EXPECT_EQ(batch_response.result_list(1).sentiment(), v1::Sentiment::NEGATIVE);
}

TEST_F(TextAnalyticsGrpcTest, ClassifyTextAndBatch) {
  v1::ClassifyTextRequest request;
  request.set_text("pasta with cheese sauce for dinner");
  request.set_model_id("genre");
  v1::ClassifyTextResponse response;
  grpc::Status status = stub_->ClassifyText(Ctx().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.classes_size(), 1);
  EXPECT_EQ(response.classes(0).name(), "food");

  request.set_model_id("news");  // a TOPICS model
  EXPECT_EQ(stub_->ClassifyText(Ctx().get(), request, &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::BatchClassifyTextRequest batch;
  batch.set_model_id("genre");
  batch.add_text_list("a goal by the team");
  batch.add_text_list("bake a cheese dinner");
  v1::BatchClassifyTextResponse batch_response;
  status = stub_->BatchClassifyText(Ctx().get(), batch, &batch_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(batch_response.result_list_size(), 2);
  EXPECT_EQ(batch_response.result_list(0).classes(0).name(), "sports");
  EXPECT_EQ(batch_response.result_list(1).classes(0).name(), "food");
}

}  // namespace
}  // namespace wordloom::service
