#include "embeddings/classifier/autotune.h"

#include "embeddings/classifier/metrics.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/synthetic_corpus.h"

namespace wordloom::embeddings::classifier {
namespace {

TEST(AutotuneTest, FindsBetterSettingsThanAPoorStart) {
  LabeledData train = testing::SeparableCorpus(4, 40, 31);
  LabeledData valid = testing::SeparableCorpus(4, 15, 32);
  TrainerOptions base;
  base.dim = 10;
  base.lr = 0.001f;  // far too small: one epoch learns nothing
  base.epochs = 1;
  base.threads = 1;
  auto poor = TrainClassifier(train, nullptr, base, nullptr);
  ASSERT_TRUE(poor.ok());
  const double poor_f1 = Evaluate(**poor, valid, {}).micro_f1;

  AutotuneOptions options;
  options.max_trials = 12;
  options.duration_seconds = 60;
  AutotuneReport report;
  auto tuned = AutotuneClassifier(train, valid, base, options, &report);
  ASSERT_TRUE(tuned.ok()) << tuned.status();
  EXPECT_EQ(report.trials, 12);
  EXPECT_GE(report.best_f1, 0.9);
  EXPECT_GT(report.best_f1, poor_f1 + 0.2);
  EXPECT_NEAR(Evaluate(**tuned, valid, {}).micro_f1, report.best_f1, 1e-9);
  EXPECT_TRUE(report.best.lr != base.lr || report.best.epochs != base.epochs);
}

TEST(AutotuneTest, ZeroBudgetStillTrainsOnce) {
  TrainerOptions base;
  base.dim = 5;
  base.threads = 1;
  AutotuneOptions options;
  options.duration_seconds = 0;
  AutotuneReport report;
  auto model = AutotuneClassifier(testing::SeparableCorpus(2, 10, 1),
                                  testing::SeparableCorpus(2, 5, 2), base, options, &report);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(report.trials, 1);
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
