// Analytics through its public API over real (tiny) models: DetectPiiEntities,
// DetectEntities, DetectKeyPhrases, DetectTopics, their Batch forms, Analyze,
// and the Comprehend gateway's character offsets for them.
#include "service/analytics.h"

#include <string>

#include "embeddings/classifier/model_io.h"
#include "embeddings/classifier/quantize.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "service/comprehend_gateway.h"
#include "service/limits.h"
#include "service/log.h"
#include "service/model_loaders.h"
#include "tests/service/test_models.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

using ::wordloom::service::testing::WriteClassifierModel;
using ::wordloom::service::testing::WriteEntitiesModel;
using ::wordloom::service::testing::WriteSentimentModel;
using ::wordloom::service::testing::WriteKeyphrasesModel;
using ::wordloom::service::testing::WriteTopicsModel;

constexpr char kSentence[] = "Mary flew to Rome with John .";

// One registry + Analytics over a models directory.
struct Stack {
  std::unique_ptr<ModelRegistry> registry;
  std::unique_ptr<Analytics> analytics;
};

Stack Open(const std::string& dir) {
  Stack s;
  auto registry = ModelRegistry::Create(
      {.models_dir = dir, .eager_load = true, .poll_interval = absl::ZeroDuration()},
      BuiltinModelLoaders());
  EXPECT_TRUE(registry.ok()) << registry.status();
  s.registry = *std::move(registry);
  auto analytics = Analytics::Create(s.registry.get());
  EXPECT_TRUE(analytics.ok()) << analytics.status();
  s.analytics = *std::move(analytics);
  return s;
}

class AnalyticsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SetLogEnabled(false);
    dir_ = new std::string(wordloom::testing::TempDir());
    WriteEntitiesModel(*dir_ + "/ner.wlm");
    WriteTopicsModel(*dir_ + "/news.wlm");
    WriteKeyphrasesModel(*dir_ + "/background.vocab");
    WriteSentimentModel(*dir_ + "/mood.wlm");
    WriteClassifierModel(*dir_ + "/genre.wlm");
    WriteClassifierModel(*dir_ + "/tags.wlm", /*one_vs_all=*/true);
    empty_dir_ = new std::string(wordloom::testing::TempDir());
  }
  void SetUp() override {
    full_ = Open(*dir_);
    bare_ = Open(*empty_dir_);
  }
  const Analytics& full() { return *full_.analytics; }
  const Analytics& bare() { return *bare_.analytics; }

  static std::string* dir_;
  static std::string* empty_dir_;
  Stack full_, bare_;
};
std::string* AnalyticsTest::dir_ = nullptr;
std::string* AnalyticsTest::empty_dir_ = nullptr;

TEST_F(AnalyticsTest, RegistryRecognizesEachNewKind) {
  EXPECT_EQ(full_.registry->Describe("ner")->kind, ModelKind::kEntities);
  EXPECT_EQ(full_.registry->Describe("news")->kind, ModelKind::kTopics);
  EXPECT_EQ(full_.registry->Describe("news")->details.number_of_topics, 2);
  EXPECT_EQ(full_.registry->Describe("background")->kind, ModelKind::kKeyphrases);
  for (const ModelEntryInfo& info : full_.registry->List()) {
    EXPECT_EQ(info.state, ModelState::kLoaded) << info.model_id << ": " << info.status_message;
  }
}

// --- DetectPiiEntities --------------------------------------------------

TEST_F(AnalyticsTest, PiiFindsPatternsAndNamesFromTheTagger) {
  v1::DetectPiiEntitiesRequest request;
  request.set_text(std::string(kSentence) + " bob@example.com");
  v1::DetectPiiEntitiesResponse response;
  ASSERT_TRUE(full().DetectPiiEntities(request, &response).ok());
  std::vector<std::pair<int, std::string>> found;
  for (const v1::PiiEntity& e : response.entities()) {
    found.emplace_back(e.type(), request.text().substr(e.begin_offset(),
                                                       e.end_offset() - e.begin_offset()));
    EXPECT_GT(e.score(), 0);
    EXPECT_LE(e.score(), 1);
  }
  using T = v1::PiiEntityType;
  EXPECT_EQ(found, (std::vector<std::pair<int, std::string>>{{T::NAME, "Mary"},
                                                             {T::ADDRESS, "Rome"},
                                                             {T::NAME, "John"},
                                                             {T::EMAIL, "bob@example.com"}}));
  EXPECT_TRUE(response.redacted_text().empty());

  // Without an ENTITIES model: the pattern types only.
  v1::DetectPiiEntitiesResponse patterns_only;
  ASSERT_TRUE(bare().DetectPiiEntities(request, &patterns_only).ok());
  ASSERT_EQ(patterns_only.entities_size(), 1);
  EXPECT_EQ(patterns_only.entities(0).type(), T::EMAIL);
}

TEST_F(AnalyticsTest, PiiSelectsTypesAndRedacts) {
  v1::DetectPiiEntitiesRequest request;
  request.set_text("Mary: bob@example.com, 192.168.1.20");
  request.mutable_options()->add_pii_entity_types(v1::PiiEntityType::EMAIL);
  request.mutable_options()->set_mask_mode(v1::MaskMode::MASK);
  request.mutable_options()->set_mask_character("#");
  v1::DetectPiiEntitiesResponse response;
  ASSERT_TRUE(full().DetectPiiEntities(request, &response).ok());
  ASSERT_EQ(response.entities_size(), 1);
  EXPECT_EQ(response.entities(0).type(), v1::PiiEntityType::EMAIL);
  EXPECT_EQ(response.entities(0).begin_offset(), 6);
  EXPECT_EQ(response.entities(0).end_offset(), 21);
  EXPECT_EQ(response.redacted_text(), "Mary: ###############, 192.168.1.20");

  request.mutable_options()->clear_pii_entity_types();
  request.mutable_options()->add_pii_entity_types(v1::PiiEntityType::IP_ADDRESS);
  request.mutable_options()->set_mask_mode(v1::MaskMode::REPLACE_WITH_PII_ENTITY_TYPE);
  response.Clear();
  ASSERT_TRUE(full().DetectPiiEntities(request, &response).ok());
  EXPECT_EQ(response.redacted_text(), "Mary: bob@example.com, [IP_ADDRESS]");
}

TEST_F(AnalyticsTest, PiiRejectsBadInputWithInvalidArgument) {
  v1::DetectPiiEntitiesResponse response;
  auto call = [&](const std::string& text, auto set_options) {
    v1::DetectPiiEntitiesRequest request;
    request.set_text(text);
    set_options(request.mutable_options());
    return full().DetectPiiEntities(request, &response);
  };
  auto none = [](v1::PiiOptions*) {};
  EXPECT_TRUE(absl::IsInvalidArgument(call("", none)));
  EXPECT_TRUE(absl::IsInvalidArgument(call("bad \xff byte", none)));
  absl::Status too_long = call(std::string(kMaxTextBytes + 1, 'a'), none);
  EXPECT_TRUE(absl::IsInvalidArgument(too_long));
  EXPECT_EQ(ComprehendErrorType(too_long), "TextSizeLimitExceededException");
  EXPECT_TRUE(call(std::string(kMaxTextBytes, 'a'), none).ok());
  absl::Status mask = call("x", [](v1::PiiOptions* o) { o->set_mask_character("ab"); });
  EXPECT_TRUE(absl::IsInvalidArgument(mask));
  EXPECT_NE(std::string(mask.message()).find("mask_character"), std::string::npos);
  EXPECT_TRUE(absl::IsInvalidArgument(call("x", [](v1::PiiOptions* o) { o->set_min_score(2); })));
}

// --- DetectEntities -----------------------------------------------------

TEST_F(AnalyticsTest, EntitiesWithByteOffsetsFromDefaultOrNamedModel) {
  for (const std::string model_id : {"", "ner"}) {
    v1::DetectEntitiesRequest request;
    request.set_text(std::string("Olá! ") + kSentence);  // 'á' is 2 bytes
    request.set_model_id(model_id);
    v1::DetectEntitiesResponse response;
    ASSERT_TRUE(full().DetectEntities(request, &response).ok()) << model_id;
    ASSERT_EQ(response.entities_size(), 3) << response.DebugString();
    EXPECT_EQ(response.entities(0).type(), v1::EntityType::PERSON);
    EXPECT_EQ(response.entities(0).text(), "Mary");
    EXPECT_EQ(response.entities(0).begin_offset(), 6);
    EXPECT_EQ(response.entities(0).end_offset(), 10);
    EXPECT_EQ(response.entities(1).type(), v1::EntityType::LOCATION);
    EXPECT_EQ(response.entities(1).text(), "Rome");
    EXPECT_EQ(response.entities(2).type(), v1::EntityType::PERSON);
  }
}

TEST_F(AnalyticsTest, EntitiesErrorCodes) {
  v1::DetectEntitiesRequest request;
  request.set_text(kSentence);
  v1::DetectEntitiesResponse response;
  request.set_model_id("nope");
  EXPECT_TRUE(absl::IsNotFound(full().DetectEntities(request, &response)));
  request.set_model_id("news");  // a TOPICS model
  EXPECT_TRUE(absl::IsFailedPrecondition(full().DetectEntities(request, &response)));
  request.set_model_id("");
  EXPECT_TRUE(absl::IsFailedPrecondition(bare().DetectEntities(request, &response)));
  request.set_model_id("../x");
  EXPECT_TRUE(absl::IsInvalidArgument(full().DetectEntities(request, &response)));
}

TEST_F(AnalyticsTest, BatchEntitiesReportsEachDocument) {
  v1::BatchDetectEntitiesRequest request;
  request.add_text_list(kSentence);
  request.add_text_list("");
  request.add_text_list(std::string(kMaxBatchItemBytes + 1, 'a'));
  v1::BatchDetectEntitiesResponse response;
  ASSERT_TRUE(full().BatchDetectEntities(request, &response, {}).ok());
  ASSERT_EQ(response.result_list_size(), 1);
  EXPECT_EQ(response.result_list(0).entities_size(), 3);
  ASSERT_EQ(response.error_list_size(), 2);
  EXPECT_EQ(response.error_list(0).index(), 1);
  EXPECT_EQ(response.error_list(0).error_code(), "INVALID_ARGUMENT");
  EXPECT_EQ(response.error_list(1).index(), 2);
  for (int i = 0; i < 23; ++i) request.add_text_list(kSentence);
  EXPECT_TRUE(absl::IsInvalidArgument(full().BatchDetectEntities(request, &response, {})));
}

// --- DetectKeyPhrases ---------------------------------------------------

constexpr char kPhrases[] = "Data matters. Quantum sensors need data. Data data.";

std::string TopPhrase(const Analytics& a, const std::string& model_id) {
  v1::DetectKeyPhrasesRequest request;
  request.set_text(kPhrases);
  request.set_model_id(model_id);
  v1::DetectKeyPhrasesResponse response;
  absl::Status status = a.DetectKeyPhrases(request, &response);
  EXPECT_TRUE(status.ok()) << status;
  return response.key_phrases().empty() ? "" : response.key_phrases(0).text();
}

TEST_F(AnalyticsTest, KeyPhrasesUseTheBackgroundModelWhenThere) {
  // idf 1 everywhere: the frequent "Data" wins; the background says "data"
  // is in every document and "matters" and "quantum" in none ("need" splits
  // "Quantum sensors" from "data"; the first sentence gets the bonus).
  EXPECT_EQ(TopPhrase(bare(), ""), "Data");
  EXPECT_EQ(TopPhrase(full(), "background"), "Data matters");
  // The default KEYPHRASES model.
  EXPECT_EQ(TopPhrase(full(), ""), "Data matters");
}

TEST_F(AnalyticsTest, KeyPhraseOptionsOffsetsAndErrors) {
  v1::DetectKeyPhrasesRequest request;
  request.set_text(kPhrases);
  request.mutable_options()->set_top_k(1);
  v1::DetectKeyPhrasesResponse response;
  ASSERT_TRUE(bare().DetectKeyPhrases(request, &response).ok());
  ASSERT_EQ(response.key_phrases_size(), 1);
  EXPECT_EQ(response.key_phrases(0).begin_offset(), 0);
  EXPECT_EQ(response.key_phrases(0).end_offset(), 4);
  EXPECT_FLOAT_EQ(response.key_phrases(0).score(), 1.0f);

  request.mutable_options()->set_min_score(1.5f);
  EXPECT_TRUE(absl::IsInvalidArgument(bare().DetectKeyPhrases(request, &response)));
  request.clear_options();
  request.set_language_code("xx");
  absl::Status unsupported = bare().DetectKeyPhrases(request, &response);
  EXPECT_TRUE(absl::IsInvalidArgument(unsupported));
  EXPECT_EQ(ComprehendErrorType(unsupported), "UnsupportedLanguageException");
  request.set_language_code("en");
  request.set_model_id("ner");
  EXPECT_TRUE(absl::IsFailedPrecondition(full().DetectKeyPhrases(request, &response)));
  request.set_model_id("missing");
  EXPECT_TRUE(absl::IsNotFound(full().DetectKeyPhrases(request, &response)));
}

// --- DetectTopics -------------------------------------------------------

TEST_F(AnalyticsTest, TopicsFoldInFindsTheRightTopic) {
  v1::DetectTopicsRequest request;
  request.set_model_id("news");
  request.set_text("An apple and a banana: fruit, apple, orange.");
  request.mutable_options()->set_top_terms(2);
  v1::DetectTopicsResponse fruit;
  ASSERT_TRUE(full().DetectTopics(request, &fruit).ok());
  ASSERT_GE(fruit.topics_size(), 1);
  EXPECT_EQ(fruit.topics(0).topic(), 0);
  EXPECT_GT(fruit.topics(0).proportion(), 0.8f);
  ASSERT_EQ(fruit.topics(0).top_terms_size(), 2);

  request.set_text("The car engine, the wheel and the brake of a car.");
  v1::DetectTopicsResponse car, again;
  ASSERT_TRUE(full().DetectTopics(request, &car).ok());
  ASSERT_TRUE(full().DetectTopics(request, &again).ok());
  EXPECT_EQ(car.topics(0).topic(), 1);
  EXPECT_GT(car.topics(0).proportion(), 0.8f);
  EXPECT_EQ(car.SerializeAsString(), again.SerializeAsString());  // same seed, same answer
}

TEST_F(AnalyticsTest, TopicsErrorCodes) {
  v1::DetectTopicsRequest request;
  request.set_text("apple");
  v1::DetectTopicsResponse response;
  EXPECT_TRUE(absl::IsInvalidArgument(full().DetectTopics(request, &response)));  // no model_id
  request.set_model_id("nope");
  EXPECT_TRUE(absl::IsNotFound(full().DetectTopics(request, &response)));
  request.set_model_id("ner");
  EXPECT_TRUE(absl::IsFailedPrecondition(full().DetectTopics(request, &response)));
  request.set_model_id("news");
  request.mutable_options()->set_iterations(5000);
  EXPECT_TRUE(absl::IsInvalidArgument(full().DetectTopics(request, &response)));
  request.mutable_options()->set_iterations(0);
  request.mutable_options()->set_top_k(-1);
  EXPECT_TRUE(absl::IsInvalidArgument(full().DetectTopics(request, &response)));
}

TEST_F(AnalyticsTest, BatchTopicsAndAnalyze) {
  v1::BatchDetectTopicsRequest batch;
  batch.set_model_id("news");
  batch.add_text_list("banana fruit");
  batch.add_text_list("wheel brake");
  v1::BatchDetectTopicsResponse batch_response;
  ASSERT_TRUE(full().BatchDetectTopics(batch, &batch_response, {}).ok());
  ASSERT_EQ(batch_response.result_list_size(), 2);
  EXPECT_EQ(batch_response.result_list(0).topics(0).topic(), 0);
  EXPECT_EQ(batch_response.result_list(1).topics(0).topic(), 1);

  v1::AnalyzeRequest request;
  request.set_text(std::string(kSentence) + " Apple and banana: bob@example.com");
  request.add_features(v1::Feature::ENTITIES);
  request.add_features(v1::Feature::PII_ENTITIES);
  request.add_features(v1::Feature::TOPICS);
  request.add_features(v1::Feature::KEY_PHRASES);
  request.mutable_models()->set_topics_model_id("news");
  v1::AnalyzeResponse response;
  absl::Status status = full().Analyze(request, &response);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_GE(response.entities().entities_size(), 3);
  EXPECT_GE(response.pii_entities().entities_size(), 1);
  EXPECT_EQ(response.topics().topics(0).topic(), 0);
  EXPECT_GE(response.key_phrases().key_phrases_size(), 1);
}

// --- DetectSentiment ----------------------------------------------------

TEST_F(AnalyticsTest, SentimentOverallAndPerSentence) {
  v1::DetectSentimentRequest request;
  request.set_text("A wonderful film. A terrible hotel.");
  v1::DetectSentimentResponse response;
  ASSERT_TRUE(full().DetectSentiment(request, &response).ok());
  ASSERT_EQ(response.sentences_size(), 2);
  EXPECT_EQ(response.sentences(0).sentiment(), v1::Sentiment::POSITIVE);
  EXPECT_EQ(response.sentences(1).sentiment(), v1::Sentiment::NEGATIVE);
  EXPECT_EQ(response.sentences(1).begin_offset(), 18);
  const v1::SentimentScore& s = response.sentiment_score();
  EXPECT_NEAR(s.positive() + s.negative() + s.neutral() + s.mixed(), 1.0, 1e-4);

  request.set_text("A great show.");
  request.set_model_id("mood");
  response.Clear();
  ASSERT_TRUE(full().DetectSentiment(request, &response).ok());
  EXPECT_EQ(response.sentiment(), v1::Sentiment::POSITIVE);
  EXPECT_GT(response.sentiment_score().positive(), 0.5f);
}

TEST_F(AnalyticsTest, SentimentLimitsAndErrors) {
  v1::DetectSentimentRequest request;
  v1::DetectSentimentResponse response;
  request.set_text(std::string(kMaxSentimentTextBytes + 1, 'a'));
  absl::Status too_long = full().DetectSentiment(request, &response);
  EXPECT_TRUE(absl::IsInvalidArgument(too_long));
  EXPECT_EQ(ComprehendErrorType(too_long), "TextSizeLimitExceededException");
  request.set_text("A great show.");
  EXPECT_TRUE(absl::IsFailedPrecondition(bare().DetectSentiment(request, &response)));
  request.set_model_id("genre");
  EXPECT_TRUE(absl::IsFailedPrecondition(full().DetectSentiment(request, &response)));

  v1::BatchDetectSentimentRequest batch;
  batch.add_text_list("A superb book.");
  batch.add_text_list("A dreadful book.");
  v1::BatchDetectSentimentResponse batch_response;
  ASSERT_TRUE(full().BatchDetectSentiment(batch, &batch_response, {}).ok());
  ASSERT_EQ(batch_response.result_list_size(), 2);
  EXPECT_EQ(batch_response.result_list(0).sentiment(), v1::Sentiment::POSITIVE);
  EXPECT_EQ(batch_response.result_list(1).sentiment(), v1::Sentiment::NEGATIVE);
}

// Comprehend's UnsupportedLanguageException: the test models record "en".
TEST_F(AnalyticsTest, SentimentAndEntitiesRefuseOtherLanguages) {
  v1::DetectSentimentRequest request;
  v1::DetectSentimentResponse response;
  request.set_text("A great show.");
  request.set_language_code("en-US");
  EXPECT_TRUE(full().DetectSentiment(request, &response).ok());
  for (const char* model_id : {"", "mood"}) {
    request.set_model_id(model_id);
    request.set_language_code("fr");
    absl::Status fr = full().DetectSentiment(request, &response);
    EXPECT_TRUE(absl::IsInvalidArgument(fr)) << fr;
    EXPECT_EQ(ComprehendErrorType(fr), "UnsupportedLanguageException") << fr;
    EXPECT_NE(std::string(fr.message()).find("\"fr\""), std::string::npos) << fr;
  }
  v1::DetectEntitiesRequest entities;
  v1::DetectEntitiesResponse found;
  entities.set_text(kSentence);
  entities.set_language_code("de");
  absl::Status de = full().DetectEntities(entities, &found);
  EXPECT_EQ(ComprehendErrorType(de), "UnsupportedLanguageException") << de;

  // Batch calls fail as a whole for an unsupported language code.
  v1::BatchDetectSentimentRequest batch;
  batch.add_text_list("A superb book.");
  batch.set_language_code("fr");
  v1::BatchDetectSentimentResponse batch_response;
  absl::Status batch_fr = full().BatchDetectSentiment(batch, &batch_response, {});
  EXPECT_EQ(ComprehendErrorType(batch_fr), "UnsupportedLanguageException") << batch_fr;
}

// Without a language code, text the LANGUAGE model is confident is in
// another language is refused; English, short and emoji-only text is not.
TEST_F(AnalyticsTest, DetectedForeignTextIsRefusedWithoutLanguageCode) {
  const std::string dir = wordloom::testing::TempDir();
  WriteSentimentModel(dir + "/mood.wlm");
  wordloom::service::testing::WriteLanguageModel(dir + "/lang.wlm");
  Stack stack = Open(dir);
  v1::DetectSentimentRequest request;
  v1::DetectSentimentResponse response;
  request.set_text(
      "le renard brun rapide saute par-dessus le chien paresseux et le chat dort, tout "
      "individu a droit à la vie, à la liberté et à la sûreté de sa personne");
  absl::Status fr = stack.analytics->DetectSentiment(request, &response);
  EXPECT_EQ(ComprehendErrorType(fr), "UnsupportedLanguageException") << fr;
  request.set_language_code("en");  // the caller's word overrides detection
  EXPECT_TRUE(stack.analytics->DetectSentiment(request, &response).ok());
  request.clear_language_code();
  for (const char* text : {"A great show, a wonderful film and a lovely hotel.", "Merci!",
                           "\xF0\x9F\x98\x80"}) {
    request.set_text(text);
    EXPECT_TRUE(stack.analytics->DetectSentiment(request, &response).ok()) << text;
  }
  // In a batch without a code, only the foreign document is an error.
  v1::BatchDetectSentimentRequest batch;
  batch.add_text_list("A great show, a wonderful film and a lovely hotel.");
  batch.add_text_list(
      "le renard brun rapide saute par-dessus le chien paresseux et le chat dort, tout "
      "individu a droit à la vie, à la liberté et à la sûreté de sa personne");
  v1::BatchDetectSentimentResponse batch_response;
  ASSERT_TRUE(stack.analytics->BatchDetectSentiment(batch, &batch_response, {}).ok());
  EXPECT_EQ(batch_response.result_list_size(), 1);
  ASSERT_EQ(batch_response.error_list_size(), 1);
  EXPECT_EQ(batch_response.error_list(0).index(), 1);
}

// --- ClassifyText -------------------------------------------------------

TEST_F(AnalyticsTest, ClassifyGivesClassesOrLabelsByLoss) {
  v1::ClassifyTextRequest request;
  request.set_text("the team scored a goal in the match");
  request.set_model_id("genre");
  v1::ClassifyTextResponse response;
  ASSERT_TRUE(full().ClassifyText(request, &response).ok());
  ASSERT_EQ(response.classes_size(), 1);  // top_k 0 = 1
  EXPECT_EQ(response.classes(0).name(), "sports");
  EXPECT_GT(response.classes(0).score(), 0.5f);
  EXPECT_EQ(response.labels_size(), 0);

  request.set_model_id("tags");
  request.mutable_options()->set_top_k(2);
  response.Clear();
  ASSERT_TRUE(full().ClassifyText(request, &response).ok());
  EXPECT_EQ(response.classes_size(), 0);
  ASSERT_EQ(response.labels_size(), 2);
  EXPECT_EQ(response.labels(0).name(), "sports");

  v1::BatchClassifyTextRequest batch;
  batch.set_model_id("genre");
  batch.add_text_list("bake the pasta with cheese sauce");
  batch.add_text_list("");
  v1::BatchClassifyTextResponse batch_response;
  ASSERT_TRUE(full().BatchClassifyText(batch, &batch_response, {}).ok());
  ASSERT_EQ(batch_response.result_list_size(), 1);
  EXPECT_EQ(batch_response.result_list(0).classes(0).name(), "food");
  EXPECT_EQ(batch_response.error_list_size(), 1);
}

// A quantised classifier (wordloom quantize) sits in the model directory
// like any other: same loader, same ClassifyText.
TEST(AnalyticsQuantizedTest, QuantizedClassifierLoadsAndClassifies) {
  namespace cls = ::wordloom::embeddings::classifier;
  SetLogEnabled(false);
  const std::string dense_dir = wordloom::testing::TempDir();
  const std::string dir = wordloom::testing::TempDir();
  WriteClassifierModel(dense_dir + "/genre.wlm");
  auto dense = cls::LoadClassifier(dense_dir + "/genre.wlm");
  ASSERT_TRUE(dense.ok()) << dense.status();
  auto quantized = cls::QuantizeClassifier(
      **dense, {.dsub = 2, .qnorm = true, .qout = true, .cutoff = 0, .seed = 1, .threads = 1});
  ASSERT_TRUE(quantized.ok()) << quantized.status();
  ASSERT_TRUE(cls::SaveClassifier(**quantized, dir + "/genre.wlm").ok());
  Stack s = Open(dir);
  auto details = s.registry->Describe("genre");
  ASSERT_TRUE(details.ok()) << details.status();
  EXPECT_EQ(details->kind, ModelKind::kClassifier);
  v1::ClassifyTextRequest request;
  request.set_text("the team scored a goal in the match");
  request.set_model_id("genre");
  v1::ClassifyTextResponse response;
  ASSERT_TRUE(s.analytics->ClassifyText(request, &response).ok());
  ASSERT_EQ(response.classes_size(), 1);
  EXPECT_EQ(response.classes(0).name(), "sports");
}

TEST_F(AnalyticsTest, ClassifyErrors) {
  v1::ClassifyTextRequest request;
  request.set_text("goal");
  v1::ClassifyTextResponse response;
  EXPECT_TRUE(absl::IsInvalidArgument(full().ClassifyText(request, &response)));  // no model_id
  request.set_model_id("nope");
  EXPECT_TRUE(absl::IsNotFound(full().ClassifyText(request, &response)));
  request.set_model_id("mood");
  EXPECT_TRUE(absl::IsFailedPrecondition(full().ClassifyText(request, &response)));
  request.set_model_id("genre");
  request.mutable_options()->set_threshold(-0.5f);
  EXPECT_TRUE(absl::IsInvalidArgument(full().ClassifyText(request, &response)));
}

// --- Comprehend gateway -------------------------------------------------

nlohmann::json Gateway(const Analytics& a, const std::string& op, const nlohmann::json& in,
                       int* http_status = nullptr) {
  ComprehendGateway gateway(&a);
  std::string operation;
  absl::StatusCode code;
  HttpReply reply = gateway.Handle(std::string(kComprehendTargetPrefix) + op, in.dump(),
                                   &operation, &code);
  if (http_status != nullptr) *http_status = reply.status;
  return nlohmann::json::parse(reply.body);
}

TEST_F(AnalyticsTest, GatewayGivesCharacterOffsets) {
  // "é" and "ü" are 2 bytes but 1 character each. (Without the tagger.)
  nlohmann::json pii = Gateway(bare(), "DetectPiiEntities",
                               {{"Text", "Héllo Zürich: bob@example.com"}, {"LanguageCode", "en"}});
  ASSERT_EQ(pii["Entities"].size(), 1u) << pii.dump();
  EXPECT_EQ(pii["Entities"][0]["Type"], "EMAIL");
  EXPECT_EQ(pii["Entities"][0]["BeginOffset"], 14);
  EXPECT_EQ(pii["Entities"][0]["EndOffset"], 29);

  nlohmann::json ner = Gateway(full(), "DetectEntities",
                               {{"Text", std::string("Olá! ") + kSentence}, {"LanguageCode", "en"}});
  ASSERT_EQ(ner["Entities"].size(), 3u) << ner.dump();
  EXPECT_EQ(ner["Entities"][0]["Type"], "PERSON");
  EXPECT_EQ(ner["Entities"][0]["BeginOffset"], 5);
  EXPECT_EQ(ner["Entities"][0]["EndOffset"], 9);

  nlohmann::json phrases = Gateway(bare(), "BatchDetectKeyPhrases",
                                   {{"TextList", {"Ünïcode data. Data data.", ""}},
                                    {"LanguageCode", "en"}});
  ASSERT_EQ(phrases["ResultList"].size(), 1u) << phrases.dump();
  ASSERT_EQ(phrases["ErrorList"].size(), 1u);
  EXPECT_EQ(phrases["ErrorList"][0]["Index"], 1);

  nlohmann::json mood = Gateway(full(), "DetectSentiment",
                                {{"Text", "A lovely hotel."}, {"LanguageCode", "en"}});
  EXPECT_EQ(mood["Sentiment"], "POSITIVE") << mood.dump();
  nlohmann::json classified = Gateway(
      full(), "ClassifyDocument",
      {{"Text", "a football player"},
       {"EndpointArn", "arn:aws:comprehend:us-east-1:1:document-classifier-endpoint/genre"}});
  ASSERT_TRUE(classified.contains("Classes")) << classified.dump();
  EXPECT_EQ(classified["Classes"][0]["Name"], "sports");

  int status = 0;
  nlohmann::json error = Gateway(full(), "DetectEntities",
                                 {{"Text", "Mary"}, {"EndpointArn", "arn:aws:x:endpoint/nope"}},
                                 &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(error["__type"], "ResourceNotFoundException");
}

}  // namespace
}  // namespace wordloom::service
