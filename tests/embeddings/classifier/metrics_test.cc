#include "embeddings/classifier/metrics.h"

#include "embeddings/classifier/trainer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/synthetic_corpus.h"

namespace wordloom::embeddings::classifier {
namespace {

using ::testing::HasSubstr;

TEST(MetricsTest, CountsMatchHandComputedValues) {
  TrainerOptions options;
  options.dim = 8;
  options.epochs = 20;
  options.lr = 0.5f;
  options.threads = 1;
  auto model = TrainClassifier(testing::SeparableCorpus(2, 30, 31), nullptr, options, nullptr);
  ASSERT_TRUE(model.ok());
  // Four test documents with known outcomes: two right, one wrong, one with
  // a label the model has never seen.
  LabeledData test;
  test.examples.push_back({{"c0"}, "topic0x1 topic0x2", 1});
  test.examples.push_back({{"c1"}, "topic1x1 topic1x2", 2});
  test.examples.push_back({{"c0"}, "topic1x3 topic1x4", 3});
  test.examples.push_back({{"zz"}, "topic1x5", 4});
  Evaluation e = Evaluate(**model, test, {});
  EXPECT_EQ(e.examples, 4);
  EXPECT_DOUBLE_EQ(e.precision_at_k, 0.5);
  EXPECT_DOUBLE_EQ(e.recall_at_k, 0.5);
  EXPECT_DOUBLE_EQ(e.accuracy, 0.5);
  const int c0 = *(*model)->FindLabel("c0"), c1 = *(*model)->FindLabel("c1");
  EXPECT_EQ(e.per_label[c0].true_positives, 1);
  EXPECT_EQ(e.per_label[c0].false_negatives, 1);
  EXPECT_EQ(e.per_label[c1].false_positives, 2);
  EXPECT_DOUBLE_EQ(e.per_label[c1].precision, 1.0 / 3.0);
  EXPECT_EQ(e.confusion[c0][c1], 1);
  EXPECT_EQ(e.confusion[c1][c1], 1);
  // Hamming loss: (FP 2 + FN 1) / (4 examples * 2 labels).
  EXPECT_DOUBLE_EQ(e.hamming_loss, 3.0 / 8.0);
  std::string report = FormatEvaluation(**model, e);
  EXPECT_THAT(report, HasSubstr("N\t4\nP@1\t0.500\nR@1\t0.500\n"));
  EXPECT_THAT(report, HasSubstr("MacroF1"));
  EXPECT_THAT(report, HasSubstr("confusion"));
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
