#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "nlp/analyze/language/model_file.h"
#include "nlp/analyze/sentiment/sentiment_analyzer.h"
#include "nlp/analyze/sentiment/sentiment_trainer.h"
#include "tests/nlp/analyze/sentiment/sentiment_test_corpus.h"
#include "tests/test_util.h"

namespace wordloom::analyze::sentiment {
namespace {

std::string SaveTiny(const std::string& path) {
  auto data = TrainSentimentModel(TinyCorpus(), {.epochs = 5, .seed = 7});
  EXPECT_TRUE(data.ok()) << data.status();
  auto model = SentimentAnalyzer::Create(std::move(*data));
  EXPECT_TRUE(model.ok());
  EXPECT_TRUE((*model)->Save(path).ok());
  return path;
}

TEST(SentimentModelFileTest, RoundTrips) {
  const std::string path = SaveTiny(testing::TempDir() + "/s.wlm");
  auto trained = TrainSentimentModel(TinyCorpus(), {.epochs = 5, .seed = 7});
  ASSERT_TRUE(trained.ok());
  auto loaded = SentimentAnalyzer::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const SentimentModelData& d = (*loaded)->data();
  EXPECT_EQ(d.keys, trained->keys);
  EXPECT_EQ(d.weights, trained->weights);
  EXPECT_DOUBLE_EQ(d.bias, trained->bias);
  EXPECT_EQ(d.epochs, 5u);
  EXPECT_EQ(d.seed, 7u);
  EXPECT_EQ(d.examples, TinyCorpus().size());
  auto created = SentimentAnalyzer::Create(*trained);
  ASSERT_TRUE(created.ok());
  for (const char* text : {"a lovely story", "the hotel was boring", "food"}) {
    EXPECT_DOUBLE_EQ(*(*loaded)->PositiveProbability(text), *(*created)->PositiveProbability(text));
  }
}

// The model records its language (version 3); version-2 files, which had
// none, were all trained on English and read as "en".
TEST(SentimentModelFileTest, RecordsLanguageAndReadsVersionTwoAsEnglish) {
  const std::string dir = testing::TempDir();
  auto data = TrainSentimentModel(TinyCorpus(), {.epochs = 5, .seed = 7});
  ASSERT_TRUE(data.ok());
  data->language_code = "de";
  auto model = SentimentAnalyzer::Create(*data);
  ASSERT_TRUE(model.ok() && (*model)->Save(dir + "/de.wlm").ok());
  auto loaded = SentimentAnalyzer::Load(dir + "/de.wlm");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->data().language_code, "de");

  ModelWriter v2;
  v2.Put<double>(data->alpha);
  v2.Put<double>(data->l2);
  v2.Put<double>(data->interpolation);
  v2.Put<double>(data->calibration_scale);
  v2.Put<uint32_t>(data->epochs);
  v2.Put<uint64_t>(data->seed);
  v2.Put<uint64_t>(data->examples);
  v2.Put<double>(data->bias);
  v2.PutArray(data->keys);
  v2.PutArray(data->weights);
  ASSERT_TRUE(v2.WriteFile(dir + "/v2.wlm", "sentiment", 2).ok());
  auto old = SentimentAnalyzer::Load(dir + "/v2.wlm");
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ((*old)->data().language_code, "en");
  EXPECT_EQ((*old)->data().weights, data->weights);

  ASSERT_TRUE(v2.WriteFile(dir + "/v9.wlm", "sentiment", 9).ok());
  auto future = SentimentAnalyzer::Load(dir + "/v9.wlm");
  EXPECT_EQ(future.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(future.status().message()).find("expected 2..3"), std::string::npos)
      << future.status();
}

TEST(SentimentModelFileTest, TrainingIsDeterministic) {
  auto a = TrainSentimentModel(TinyCorpus(), {.seed = 3});
  auto b = TrainSentimentModel(TinyCorpus(), {.seed = 3});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->weights, b->weights);
  EXPECT_EQ(a->bias, b->bias);
}

TEST(SentimentModelFileTest, RejectsMissingForeignTruncatedAndCorruptFiles) {
  const std::string dir = testing::TempDir();
  const std::string path = SaveTiny(dir + "/good.wlm");
  EXPECT_EQ(SentimentAnalyzer::Load(dir + "/absent.wlm").status().code(),
            absl::StatusCode::kNotFound);

  ModelWriter other;
  other.Put<uint32_t>(1);
  ASSERT_TRUE(other.WriteFile(dir + "/lang.wlm", "language", 1).ok());
  auto foreign = SentimentAnalyzer::Load(dir + "/lang.wlm");
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kInvalidArgument) << foreign.status();

  const std::string bytes = testing::ReadFile(path);
  testing::WriteFile(dir + "/short.wlm", bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(SentimentAnalyzer::Load(dir + "/short.wlm").status().code(),
            absl::StatusCode::kDataLoss);

  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  testing::WriteFile(dir + "/flip.wlm", flipped);
  auto corrupt = SentimentAnalyzer::Load(dir + "/flip.wlm");
  EXPECT_EQ(corrupt.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(std::string(corrupt.status().message()).find("flip.wlm"), std::string::npos);
}

TEST(SentimentModelFileTest, CreateRejectsInconsistentData) {
  SentimentModelData d;
  d.keys = {2, 1};
  d.weights = {0.5f, 0.5f};
  EXPECT_EQ(SentimentAnalyzer::Create(d).status().code(), absl::StatusCode::kInvalidArgument);
  d.keys = {1, 2};
  d.weights = {0.5f};
  EXPECT_EQ(SentimentAnalyzer::Create(d).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wordloom::analyze::sentiment
