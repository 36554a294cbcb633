#include "embeddings/classifier/trainer.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "embeddings/classifier/batch_predictor.h"
#include "embeddings/classifier/metrics.h"
#include "embeddings/classifier/training_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/synthetic_corpus.h"

namespace wordloom::embeddings::classifier {
namespace {

using testing::ExpectPretrainedRowKept;
using testing::MultiLabelCorpus;
using testing::OrderCorpus;
using testing::SeparableCorpus;

TrainerOptions SmallOptions(LossKind loss) {
  TrainerOptions options;
  options.dim = 10;
  options.epochs = 20;
  options.lr = 0.5f;
  options.loss = loss;
  options.threads = 2;
  options.seed = 7;
  return options;
}

class LossTest : public ::testing::TestWithParam<LossKind> {};

TEST_P(LossTest, LearnsSeparableCorpus) {
  LabeledData train = SeparableCorpus(4, 60, 1);
  LabeledData test = SeparableCorpus(4, 25, 2);
  TrainingReport report;
  auto model = TrainClassifier(train, nullptr, SmallOptions(GetParam()), &report);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(report.examples, 240u);
  EXPECT_EQ((*model)->num_labels(), 4);
  Evaluation e = Evaluate(**model, test, {});
  EXPECT_GE(e.precision_at_k, 0.95) << LossKindName(GetParam());
}

INSTANTIATE_TEST_SUITE_P(AllLosses, LossTest,
                         ::testing::Values(LossKind::kSoftmax, LossKind::kHierarchicalSoftmax,
                                           LossKind::kNegativeSampling, LossKind::kOneVsAll));

TEST(TrainerTest, MultiLabelOneVsAll) {
  LabeledData train = MultiLabelCorpus(400, 3);
  LabeledData test = MultiLabelCorpus(100, 4);
  TrainerOptions options = SmallOptions(LossKind::kOneVsAll);
  auto model = TrainClassifier(train, nullptr, options, nullptr);
  ASSERT_TRUE(model.ok()) << model.status();
  EvaluationOptions eval;
  eval.k = -1;
  eval.threshold = 0.5f;
  Evaluation e = Evaluate(**model, test, eval);
  EXPECT_GE(e.accuracy, 0.85);       // exact label sets
  EXPECT_GE(e.micro_f1, 0.95);
  EXPECT_LE(e.hamming_loss, 0.05);
}

TEST(TrainerTest, BigramsSeparateWordOrder) {
  LabeledData train = OrderCorpus(100, 5);
  LabeledData test = OrderCorpus(30, 6);
  TrainerOptions options = SmallOptions(LossKind::kSoftmax);
  options.tokenizer = TokenizerMode::kWhitespace;
  options.word_ngrams = 2;
  auto bigram = TrainClassifier(train, nullptr, options, nullptr);
  ASSERT_TRUE(bigram.ok()) << bigram.status();
  EXPECT_GE(Evaluate(**bigram, test, {}).precision_at_k, 0.95);
  options.word_ngrams = 1;
  auto unigram = TrainClassifier(train, nullptr, options, nullptr);
  ASSERT_TRUE(unigram.ok());
  EXPECT_LE(Evaluate(**unigram, test, {}).precision_at_k, 0.75);
}

TEST(TrainerTest, EarlyStoppingKeepsBestEpoch) {
  LabeledData train = SeparableCorpus(3, 40, 8);
  LabeledData valid = SeparableCorpus(3, 10, 9);
  TrainerOptions options = SmallOptions(LossKind::kSoftmax);
  options.epochs = 50;
  options.patience = 2;
  TrainingReport report;
  auto model = TrainClassifier(train, &valid, options, &report);
  ASSERT_TRUE(model.ok());
  EXPECT_LT(report.epochs_run, 50);  // perfect validation early, then no gain
  EXPECT_GE(report.best_validation_precision, 0.95);
  EXPECT_LE(report.best_epoch, report.epochs_run);
}

TEST(TrainerTest, OneClassOnlyPredictsThatClass) {
  LabeledData train = SeparableCorpus(1, 20, 10);
  for (LossKind loss : {LossKind::kSoftmax, LossKind::kHierarchicalSoftmax,
                        LossKind::kNegativeSampling, LossKind::kOneVsAll}) {
    auto model = TrainClassifier(train, nullptr, SmallOptions(loss), nullptr);
    ASSERT_TRUE(model.ok()) << model.status();
    auto p = (*model)->Predict("topic0x1 noise3", 3);
    ASSERT_EQ(p.size(), 1u) << LossKindName(loss);
    EXPECT_EQ((*model)->label(p[0].label), "c0");
  }
}

TEST(TrainerTest, UnknownWordsEmptyTextAndHugeLine) {
  auto model = TrainClassifier(SeparableCorpus(2, 30, 11), nullptr,
                               SmallOptions(LossKind::kSoftmax), nullptr);
  ASSERT_TRUE(model.ok());
  // Only the end-of-line token is known: still a (prior-like) prediction.
  EXPECT_EQ((*model)->Predict("zzz qqq", 2).size(), 2u);
  EXPECT_EQ((*model)->Predict("", 1).size(), 1u);
  std::string huge;
  for (int i = 0; i < 200000; ++i) huge += "topic1x3 unknown ";
  auto p = (*model)->Predict(huge, 1);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ((*model)->label(p[0].label), "c1");
}

TEST(TrainerTest, ThresholdAndTopK) {
  auto model = TrainClassifier(SeparableCorpus(3, 40, 12), nullptr,
                               SmallOptions(LossKind::kSoftmax), nullptr);
  ASSERT_TRUE(model.ok());
  auto all = (*model)->Predict("topic2x1 topic2x2", -1);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_GE(all[0].probability, all[1].probability);
  float sum = all[0].probability + all[1].probability + all[2].probability;
  EXPECT_NEAR(sum, 1.0f, 1e-3);
  auto confident = (*model)->Predict("topic2x1 topic2x2", -1, 0.5f);
  ASSERT_EQ(confident.size(), 1u);
  EXPECT_EQ((*model)->label(confident[0].label), "c2");
}

TEST(TrainerTest, ConcurrentPredictionOnOneModel) {
  auto trained = TrainClassifier(SeparableCorpus(3, 40, 13), nullptr,
                                 SmallOptions(LossKind::kSoftmax), nullptr);
  ASSERT_TRUE(trained.ok());
  std::shared_ptr<const ClassifierModel> model = std::move(*trained);
  auto expected = model->Predict("topic1x2 noise4", 3);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      PredictScratch scratch;
      std::vector<Prediction> out;
      for (int i = 0; i < 500; ++i) {
        model->Predict("topic1x2 noise4", 3, 0.0f, &scratch, &out);
        if (out.size() != expected.size() || out[0].label != expected[0].label ||
            out[0].probability != expected[0].probability) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Batches are handed out in chunks to a pool: the output must be the lines'
// predictions in input order, for batch sizes around the chunk size, and the
// same predictor must be reusable batch after batch.
TEST(TrainerTest, BatchPredictorKeepsInputOrderOnThreads) {
  auto model = TrainClassifier(SeparableCorpus(3, 40, 13), nullptr,
                               SmallOptions(LossKind::kSoftmax), nullptr);
  ASSERT_TRUE(model.ok());
  const char* texts[] = {"topic0x1 noise2", "topic1x2 noise4", "topic2x3", "", "unknown words"};
  BatchPredictor sequential(**model, {.k = 2, .threshold = 0.0f, .threads = 1});
  BatchPredictor parallel(**model, {.k = 2, .threshold = 0.0f, .threads = 3});
  for (size_t n : {1u, 63u, 64u, 65u, 1000u}) {
    std::vector<std::string_view> lines;
    for (size_t i = 0; i < n; ++i) lines.push_back(texts[(i * 7) % 5]);
    std::string expected, got;
    sequential.PredictLines(lines, &expected);
    parallel.PredictLines(lines, &got);
    EXPECT_EQ(std::count(got.begin(), got.end(), '\n'), static_cast<long>(n));
    EXPECT_EQ(got, expected) << n << " lines";
  }
}

TEST(TrainerTest, PretrainedVectorsJoinVocabularyAndInitialiseRows) {
  const std::string path = ::testing::TempDir() + "/pretrained.vec";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("2 10\ntopic0x1 1 1 1 1 1 1 1 1 1 1\nunseenword 0.5 0 0 0 0 0 0 0 0 -0.5\n", f);
    std::fclose(f);
  }
  TrainerOptions options = SmallOptions(LossKind::kSoftmax);
  options.pretrained_vectors = path;
  options.word_ngrams = 2;  // bucket rows must move behind the added words
  auto model = TrainClassifier(SeparableCorpus(2, 30, 14), nullptr, options, nullptr);
  ASSERT_TRUE(model.ok()) << model.status();
  // Bucket rows moved behind the added word: predictions still work.
  ExpectPretrainedRowKept(**model);

  options.dim = 12;
  auto bad = TrainClassifier(SeparableCorpus(2, 30, 14), nullptr, options, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), ::testing::HasSubstr("dimension 10 but --dim is 12"));
}

// The learning rate decays with tokens processed, counted as fastText's
// getLine counts them: every word (also those below min-count), the
// end-of-line token and the labels.
TEST(TrainerTest, TrainingSetCountsTokensAsFastText) {
  LabeledData data;
  data.examples.push_back({{"a"}, "x y", 1});
  data.examples.push_back({{"a", "b"}, "z", 2});
  data.examples.push_back({{"b"}, "", 3});
  TrainingSetOptions options;
  options.tokenizer = TokenizerMode::kWhitespace;
  options.min_count = 2;
  options.threads = 1;
  auto set = BuildTrainingSet(data, options);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_THAT(set->tokens, ::testing::ElementsAre(4u, 4u, 2u));
  EXPECT_EQ(set->total_tokens, 10u);
}

TEST(TrainerTest, BadOptionsAreNamed) {
  TrainerOptions options;
  options.dim = 0;
  auto model = TrainClassifier(SeparableCorpus(2, 5, 1), nullptr, options, nullptr);
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(model.status().message(), ::testing::HasSubstr("--dim"));
}

TEST(TrainerControlTest, ReportsEpochProgressAndStopsOnRequest) {
  LabeledData train = SeparableCorpus(4, 60, 1);
  TrainerOptions options = SmallOptions(LossKind::kSoftmax);
  options.epochs = 4;
  std::vector<double> fractions;  // threads = 2, but per-epoch reports come from the caller
  absl::Mutex mu;
  WorkControl watch{.progress = [&](double f) {
    absl::MutexLock lock(&mu);
    fractions.push_back(f);
  }};
  ASSERT_TRUE(TrainClassifier(train, nullptr, options, nullptr, &watch).ok());
  ASSERT_FALSE(fractions.empty());
  EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));

  int polls = 0;
  WorkControl stop{.stop_requested = [&] { return ++polls > 2; }};
  options.threads = 1;
  auto stopped = TrainClassifier(train, nullptr, options, nullptr, &stop);
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled) << stopped.status();
  EXPECT_NE(stopped.status().message().find("epoch"), std::string::npos) << stopped.status();
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
