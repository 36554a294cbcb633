// Accuracy floors on the public sentiment sets (CI-sized: trains on SST-2
// train and on 9 folds of MR with the default recipe, a few seconds each).
#include <string>

#include "gtest/gtest.h"
#include "nlp/analyze/sentiment/sentiment_analyzer.h"
#include "nlp/analyze/sentiment/sentiment_trainer.h"
#include "tests/test_util.h"

namespace wordloom::analyze::sentiment {
namespace {

double Accuracy(const SentimentAnalyzer& model, const std::vector<SentimentExample>& test) {
  size_t correct = 0;
  for (const SentimentExample& e : test) {
    auto p = model.PositiveProbability(e.text);
    EXPECT_TRUE(p.ok()) << p.status();
    correct += p.ok() && (*p > 0.5) == e.positive;
  }
  return static_cast<double>(correct) / std::max<size_t>(1, test.size());
}

double TrainAndTest(const std::vector<SentimentExample>& train,
                    const std::vector<SentimentExample>& test) {
  auto data = TrainSentimentModel(train, {});
  EXPECT_TRUE(data.ok()) << data.status();
  if (!data.ok()) return 0;
  auto model = SentimentAnalyzer::Create(std::move(*data));
  EXPECT_TRUE(model.ok());
  return Accuracy(**model, test);
}

TEST(SentimentDataTest, Sst2ValidationAccuracy) {
  std::string train_path, dev_path;
  WL_REQUIRE_DATA(train_path, "sst/stsa.binary.train");
  WL_REQUIRE_DATA(dev_path, "sst/stsa.binary.dev");
  auto train = ReadSst(train_path, {});
  auto dev = ReadSst(dev_path, {});
  ASSERT_TRUE(train.ok() && dev.ok());
  ASSERT_EQ(train->size(), 6920u);
  ASSERT_EQ(dev->size(), 872u);
  const double accuracy = TrainAndTest(*train, *dev);
  RecordProperty("accuracy", std::to_string(accuracy));
  EXPECT_GE(accuracy, 0.81) << "SST-2 dev accuracy";
}

TEST(SentimentDataTest, MrHeldOutFoldAccuracy) {
  std::string pos;
  WL_REQUIRE_DATA(pos, "mr_rt_polarity/rt-polarity.pos");
  const std::string dir = pos.substr(0, pos.rfind('/'));
  auto train = ReadMr(dir, {.folds = 10, .fold = 0});
  auto test = ReadMr(dir, {.folds = 10, .fold = 0, .heldout = true});
  ASSERT_TRUE(train.ok() && test.ok());
  ASSERT_EQ(test->size(), 960u);
  const double accuracy = TrainAndTest(*train, *test);
  RecordProperty("accuracy", std::to_string(accuracy));
  EXPECT_GE(accuracy, 0.775) << "MR fold 0 accuracy";
}

}  // namespace
}  // namespace wordloom::analyze::sentiment
