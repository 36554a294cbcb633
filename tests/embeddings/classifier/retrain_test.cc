// Retraining a pruned classifier (retrain.h; fastText's quantize -retrain):
// accuracy recovered after a harsh cutoff, vocabulary and rows kept fixed,
// unknown labels skipped, bad requests named, and `wordloom quantize
// --retrain` end to end.
#include "embeddings/classifier/retrain.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "embeddings/classifier/metrics.h"
#include "embeddings/classifier/quantize.h"
#include "embeddings/classifier/trainer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/synthetic_corpus.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::classifier {
namespace {

using ::testing::HasSubstr;

// A deliberately undertrained model (one epoch at a low rate).
std::unique_ptr<ClassifierModel> WeakModel(const LabeledData& data, int32_t word_ngrams = 2) {
  TrainerOptions options;
  options.dim = 16;
  options.epochs = 1;
  options.lr = 0.02f;
  options.word_ngrams = word_ngrams;
  options.threads = 1;
  auto model = TrainClassifier(data, nullptr, options, nullptr);
  EXPECT_TRUE(model.ok()) << model.status();
  return std::move(*model);
}

double PrecisionAt1(ModelData data, const LabeledData& test) {
  auto model = ClassifierModel::Create(std::move(data));
  EXPECT_TRUE(model.ok()) << model.status();
  return Evaluate(**model, test, {.threads = 1}).precision_at_k;
}

TEST(RetrainTest, RecoversAccuracyOfAPrunedModelWithItsRowsFixed) {
  const LabeledData train = testing::SeparableCorpus(4, 60, 11);
  const LabeledData test = testing::SeparableCorpus(4, 30, 12);
  // Unigrams: 32 topic words, 20 noise words and the end of line; the
  // cutoff drops 8 of these 53 rows.
  auto weak = WeakModel(train, 1);
  ASSERT_EQ(weak->data().input.rows(), 53u);
  auto pruned = PruneInputRows(weak->data(), 45);
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  const double before = PrecisionAt1(*pruned, test);
  ModelData retrained = *pruned;
  RetrainReport report;
  ASSERT_TRUE(RetrainModelData(train, {.epochs = 5, .lr = 0.5f, .threads = 1}, &retrained,
                               &report).ok());
  EXPECT_EQ(report.examples, train.examples.size());
  EXPECT_EQ(report.skipped_unknown_label, 0u);
  // Same vocabulary, buckets and shapes: only the weights moved.
  EXPECT_EQ(retrained.words, pruned->words);
  EXPECT_EQ(retrained.bucket_ids, pruned->bucket_ids);
  EXPECT_EQ(retrained.input.rows(), 45u);
  EXPECT_EQ(retrained.output.rows(), 4u);
  const double after = PrecisionAt1(retrained, test);
  EXPECT_LT(before, 0.9);
  EXPECT_GE(after, 0.95) << "before " << before;
}

TEST(RetrainTest, UnknownLabelsAreSkippedAndBadRequestsNamed) {
  const LabeledData train = testing::SeparableCorpus(3, 20, 5);
  auto model = WeakModel(train);
  LabeledData mixed = train;
  mixed.examples.push_back({{"never_seen"}, "topic0x1 noise3", 0});
  ModelData data = model->data();
  RetrainReport report;
  ASSERT_TRUE(RetrainModelData(mixed, {.threads = 1}, &data, &report).ok());
  EXPECT_EQ(report.examples, train.examples.size());
  EXPECT_EQ(report.skipped_unknown_label, 1u);

  LabeledData foreign;
  foreign.examples.push_back({{"x"}, "a b", 1});
  auto status = RetrainModelData(foreign, {.threads = 1}, &data, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("none of the 1 training examples"));
  EXPECT_EQ(RetrainModelData(train, {.epochs = 0}, &data, nullptr).code(),
            absl::StatusCode::kInvalidArgument);
  auto quantized = QuantizeModelData(model->data(), {});
  ASSERT_TRUE(quantized.ok());
  EXPECT_EQ(RetrainModelData(train, {}, &*quantized, nullptr).code(),
            absl::StatusCode::kFailedPrecondition);
}

// Unlike fastText, quantize retrains also when the cutoff keeps every row
// (a wordloom model holds only the n-gram rows seen in training).
TEST(RetrainTest, QuantizeRetrainsWhenAsked) {
  const LabeledData train = testing::SeparableCorpus(4, 60, 11);
  const LabeledData test = testing::SeparableCorpus(4, 30, 12);
  auto weak = WeakModel(train);
  for (size_t cutoff : {size_t{0}, size_t{80}}) {
    QuantizeOptions options;
    options.threads = 1;
    options.cutoff = cutoff;
    auto without = QuantizeModelData(weak->data(), options);
    options.retrain_data = &train;
    options.retrain = {.epochs = 5, .lr = 0.5f, .threads = 1};
    auto with = QuantizeModelData(weak->data(), options);
    ASSERT_TRUE(with.ok() && without.ok());
    EXPECT_GE(PrecisionAt1(std::move(*with), test), PrecisionAt1(std::move(*without), test) + 0.1)
        << "cutoff " << cutoff;
  }
}

TEST(RetrainCliTest, QuantizeRetrainEndToEnd) {
  const std::string dir = wordloom::testing::TempDir();
  wordloom::testing::WriteFile(dir + "/train.txt", testing::SportsAndFoodTrainingText());
  auto run = [](const std::vector<std::string>& args) {
    return wordloom::testing::RunWordloom(absl::StrJoin(args, " "));
  };
  auto r = run({"train-classifier", "--input", dir + "/train.txt", "--output", dir + "/m.wlm",
                "--dim", "10", "--epoch", "2", "--lr", "0.1", "--word-ngrams", "2",
                "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({"quantize", "--model", dir + "/m.wlm", "--out", dir + "/q.wlm", "--cutoff", "20",
           "--retrain", "--threads", "1"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--retrain needs --input"));
  r = run({"quantize", "--model", dir + "/m.wlm", "--out", dir + "/q.wlm", "--cutoff", "20",
           "--retrain", "--input", dir + "/train.txt", "--epoch", "5", "--lr", "0.5",
           "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("retraining on"));
  EXPECT_THAT(r.err, HasSubstr("20 input rows"));
  r = run({"test-classifier", "--model", dir + "/q.wlm", dir + "/train.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("P@1\t1.000"));
  r = run({"quantize", "--model", dir + "/m.wlm", "--out", dir + "/q2.wlm", "--retrain",
           "--input", dir + "/missing.txt", "--threads", "1"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("missing.txt"));
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
