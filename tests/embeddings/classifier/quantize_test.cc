// wordloom's own quantisation (quantize.h): predictions close to the dense
// model's, cutoff keeping the largest rows, exact save/load round trips in
// format 3, corrupt quantised files refused, thread-safe prediction, and
// the `wordloom quantize` command end to end.
#include "embeddings/classifier/quantize.h"

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/strings.h"
#include "embeddings/classifier/model_io.h"
#include "embeddings/classifier/trainer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/synthetic_corpus.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::classifier {
namespace {

using ::testing::HasSubstr;

// Runs the built CLI with `args` (no spaces inside an argument).
wordloom::testing::CommandResult Wl(const std::vector<std::string>& args) {
  return wordloom::testing::RunWordloom(absl::StrJoin(args, " "));
}

std::unique_ptr<ClassifierModel> TrainModel(LossKind loss, const LabeledData& data) {
  TrainerOptions options;
  options.dim = 16;
  options.epochs = 5;
  options.lr = 0.5f;
  options.loss = loss;
  options.word_ngrams = 2;
  options.threads = 1;
  auto model = TrainClassifier(data, nullptr, options, nullptr);
  EXPECT_TRUE(model.ok()) << model.status();
  return std::move(*model);
}

QuantizeOptions Options(bool qnorm, bool qout, size_t cutoff) {
  QuantizeOptions o;
  o.qnorm = qnorm;
  o.qout = qout;
  o.cutoff = cutoff;
  o.threads = 1;
  return o;
}

// Share of texts whose top label is the same under both models.
double TopLabelAgreement(const ClassifierModel& a, const ClassifierModel& b,
                         const LabeledData& data) {
  size_t same = 0;
  for (const auto& ex : data.examples) {
    auto pa = a.Predict(ex.text, 1), pb = b.Predict(ex.text, 1);
    same += !pa.empty() && !pb.empty() && pa[0].label == pb[0].label;
  }
  return static_cast<double>(same) / data.examples.size();
}

TEST(QuantizeTest, PredictionsFollowTheDenseModel) {
  const LabeledData data = testing::SeparableCorpus(4, 60, 3);
  for (LossKind loss : {LossKind::kSoftmax, LossKind::kHierarchicalSoftmax, LossKind::kOneVsAll}) {
    auto dense = TrainModel(loss, data);
    for (bool qnorm : {false, true}) {
      auto q = QuantizeClassifier(*dense, Options(qnorm, /*qout=*/qnorm, 0));
      ASSERT_TRUE(q.ok()) << q.status();
      EXPECT_TRUE((*q)->data().quant_input.has_value());
      EXPECT_EQ((*q)->data().quant_output.has_value(), qnorm);
      EXPECT_EQ((*q)->data().input.size(), 0u);  // no dense copy kept
      EXPECT_GE(TopLabelAgreement(*dense, **q, data), 0.97) << LossKindName(loss) << qnorm;
    }
  }
}

TEST(QuantizeTest, CutoffKeepsLargestRowsAndEndOfLine) {
  const LabeledData data = testing::SeparableCorpus(3, 40, 5);
  auto dense = TrainModel(LossKind::kSoftmax, data);
  const ModelData& d = dense->data();
  ASSERT_GT(d.input.rows(), 60u);
  auto pruned = PruneInputRows(d, 60);
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(pruned->input.rows(), 60u);
  EXPECT_EQ(pruned->words.size() + pruned->bucket_ids.size(), 60u);
  EXPECT_NE(std::find(pruned->words.begin(), pruned->words.end(), kEndOfLine),
            pruned->words.end());
  EXPECT_TRUE(std::is_sorted(pruned->bucket_ids.begin(), pruned->bucket_ids.end()));
  // Every kept row is at least as long as every dropped one (eos aside).
  float min_kept = 1e30f;
  for (size_t r = 0; r < pruned->input.rows(); ++r) {
    if (r < pruned->words.size() && pruned->words[r] == kEndOfLine) continue;
    min_kept = std::min(min_kept, linalg::Norm(pruned->input.Row(r), d.dim()));
  }
  size_t longer_dropped = 0;
  for (size_t r = 0; r < d.input.rows(); ++r) {
    longer_dropped += linalg::Norm(d.input.Row(r), d.dim()) > min_kept;
  }
  EXPECT_LE(longer_dropped, 59u);  // only kept rows are longer than the shortest kept
  auto all = PruneInputRows(d, d.input.rows() + 5);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->input.rows(), d.input.rows());
  auto q = QuantizeClassifier(*dense, Options(true, false, 60));
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ((*q)->data().input_rows(), 60u);
  EXPECT_GE(TopLabelAgreement(*dense, **q, data), 0.8);
}

TEST(QuantizeTest, SaveLoadRoundTripIsExact) {
  const LabeledData data = testing::SeparableCorpus(3, 40, 7);
  for (LossKind loss : {LossKind::kSoftmax, LossKind::kHierarchicalSoftmax}) {
    auto dense = TrainModel(loss, data);
    auto q = QuantizeClassifier(*dense, Options(true, true, 80));
    ASSERT_TRUE(q.ok()) << q.status();
    const std::string path = wordloom::testing::TempDir() + "/q.wlm";
    ASSERT_TRUE(SaveClassifier(**q, path).ok());
    auto loaded = LoadClassifier(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    EXPECT_TRUE((*loaded)->data().quant_output.has_value());
    for (const auto& ex : data.examples) {
      auto a = (*q)->Predict(ex.text, 3), b = (*loaded)->Predict(ex.text, 3);
      ASSERT_EQ(a.size(), b.size());
      for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].label, b[i].label);
        EXPECT_EQ(a[i].probability, b[i].probability);
      }
    }
    // Same bytes as the in-memory serialisation (streamed writer == string writer).
    EXPECT_EQ(wordloom::testing::ReadFile(path), SerializeModel((*q)->data()));
  }
}

TEST(QuantizeTest, CorruptQuantizedFilesAreDataLoss) {
  auto dense = TrainModel(LossKind::kSoftmax, testing::SeparableCorpus(3, 30, 9));
  auto q = QuantizeClassifier(*dense, Options(true, true, 0));
  ASSERT_TRUE(q.ok());
  const std::string bytes = SerializeModel((*q)->data());
  std::string flipped = bytes;
  flipped[bytes.size() - 100] ^= 0x5a;
  auto corrupt = ParseModel(flipped, "q.wlm");
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.status().code(), absl::StatusCode::kDataLoss);
  for (size_t cut : {bytes.size() - 1, bytes.size() - 2000, bytes.size() / 2}) {
    auto truncated = ParseModel(std::string_view(bytes).substr(0, cut), "q.wlm");
    ASSERT_FALSE(truncated.ok()) << cut;
    EXPECT_EQ(truncated.status().code(), absl::StatusCode::kDataLoss);
  }
}

TEST(QuantizeTest, BadRequestsAreNamed) {
  auto dense = TrainModel(LossKind::kSoftmax, testing::SeparableCorpus(2, 20, 11));
  QuantizeOptions bad = Options(false, false, 0);
  bad.dsub = 0;
  auto r = QuantizeClassifier(*dense, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("dsub"));
  auto q = QuantizeClassifier(*dense, Options(false, false, 0));
  ASSERT_TRUE(q.ok());
  auto twice = QuantizeClassifier(**q, Options(false, false, 0));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(QuantizeTest, ConcurrentPredictionMatchesSerial) {
  const LabeledData data = testing::SeparableCorpus(4, 40, 13);
  auto dense = TrainModel(LossKind::kSoftmax, data);
  auto q = QuantizeClassifier(*dense, Options(true, true, 0));
  ASSERT_TRUE(q.ok());
  std::shared_ptr<const ClassifierModel> model = std::move(*q);
  std::vector<std::vector<Prediction>> want;
  for (const auto& ex : data.examples) want.push_back(model->Predict(ex.text, 2));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      PredictScratch scratch;
      std::vector<Prediction> got;
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < data.examples.size(); ++i) {
          model->Predict(data.examples[i].text, 2, 0.0f, &scratch, &got);
          mismatches[t] += got.size() != want[i].size() ||
                           (!got.empty() && got[0].probability != want[i][0].probability);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(QuantizeCliTest, QuantizeThenClassifyAndTest) {
  const std::string dir = wordloom::testing::TempDir();
  wordloom::testing::WriteFile(dir + "/train.txt", testing::SportsAndFoodTrainingText());
  auto r = Wl(
      {"train-classifier", "--input", dir + "/train.txt", "--output", dir + "/m.wlm", "--dim",
       "10", "--epoch", "10", "--lr", "0.5", "--word-ngrams", "2", "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Wl({"quantize", "--model", dir + "/m.wlm", "--out",
                                      dir + "/q.wlm", "--qnorm", "--qout", "--cutoff", "40",
                                      "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("40 input rows"));
  wordloom::testing::WriteFile(dir + "/q.txt", "the team scored a goal\nbake pasta with sauce\n");
  r = Wl({"classify", "--model", dir + "/q.wlm", dir + "/q.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = absl::StrSplit(ToAbsl(r.out), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], ::testing::StartsWith("__label__sports "));
  EXPECT_THAT(lines[1], ::testing::StartsWith("__label__food "));
  r = Wl({"test-classifier", "--model", dir + "/q.wlm",
                                      dir + "/train.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("P@1\t1.000"));
  // Bad requests fail with a message, not a crash.
  r = Wl({"quantize", "--model", dir + "/q.wlm", "--out",
                                      dir + "/qq.wlm"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("already quantised"));
  r = Wl({"quantize", "--model", dir + "/m.wlm", "--out",
                                      dir + "/qq.wlm", "--dsub", "0"});
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
