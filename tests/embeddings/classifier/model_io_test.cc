#include "embeddings/classifier/model_io.h"

#include <cstdio>
#include <string>

#include "core/mapped_file.h"
#include "embeddings/classifier/trainer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/synthetic_corpus.h"

namespace wordloom::embeddings::classifier {
namespace {

using ::testing::HasSubstr;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/" + name;
}

std::unique_ptr<ClassifierModel> TrainSmall(LossKind loss, int ngrams) {
  TrainerOptions options;
  options.dim = 8;
  options.epochs = 5;
  options.lr = 0.5f;
  options.loss = loss;
  options.word_ngrams = ngrams;
  options.threads = 1;
  auto model = TrainClassifier(testing::SeparableCorpus(3, 20, 21), nullptr, options, nullptr);
  EXPECT_TRUE(model.ok()) << model.status();
  return std::move(*model);
}

TEST(ModelIoTest, RoundTripGivesIdenticalPredictions) {
  for (LossKind loss : {LossKind::kSoftmax, LossKind::kHierarchicalSoftmax, LossKind::kOneVsAll}) {
    auto model = TrainSmall(loss, 2);
    const std::string path = TempPath("round_trip.wlm");
    ASSERT_TRUE(SaveClassifier(*model, path).ok());
    auto loaded = LoadClassifier(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    EXPECT_EQ((*loaded)->data().loss, loss);
    EXPECT_EQ((*loaded)->data().word_ngrams, 2);
    EXPECT_EQ((*loaded)->data().bucket_ids, model->data().bucket_ids);
    for (const char* text : {"topic0x1 noise2", "topic2x5 topic1x1 zz", ""}) {
      auto a = model->Predict(text, -1);
      auto b = (*loaded)->Predict(text, -1);
      ASSERT_EQ(a.size(), b.size());
      for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].label, b[i].label);
        EXPECT_EQ(a[i].probability, b[i].probability);
      }
    }
  }
}

TEST(ModelIoTest, CorruptTruncatedAndForeignFilesAreClearErrors) {
  auto model = TrainSmall(LossKind::kSoftmax, 1);
  std::string bytes = SerializeModel(model->data());

  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  auto corrupt = ParseModel(flipped, "m.wlm");
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(corrupt.status().message(), HasSubstr("m.wlm: checksum mismatch"));

  for (size_t cut : {size_t{3}, size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    auto truncated = ParseModel(std::string_view(bytes).substr(0, cut), "m.wlm");
    ASSERT_FALSE(truncated.ok()) << cut;
  }
  auto foreign = ParseModel("PK\x03\x04 this is a zip file", "x.zip");
  ASSERT_FALSE(foreign.ok());
  EXPECT_THAT(foreign.status().message(), HasSubstr("not a wordloom model"));

  auto missing = LoadClassifier(TempPath("does_not_exist.wlm"));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST(ModelIoTest, WrongVersionIsFailedPrecondition) {
  auto model = TrainSmall(LossKind::kSoftmax, 1);
  std::string bytes = SerializeModel(model->data());
  bytes[8] = 99;  // format version follows the 8-byte magic
  auto parsed = ParseModel(bytes, "v.wlm");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
