// Pretrained input vectors from wordloom's own word-vectors model (the .wlm
// `wordloom train-vectors` writes), as well as from .vec (trainer_test).
#include "embeddings/classifier/pretrained_vectors.h"

#include <algorithm>
#include <string>

#include "embeddings/classifier/model_io.h"
#include "embeddings/classifier/trainer.h"
#include "embeddings/word2vec/model_io.h"
#include "embeddings/word2vec/word_vectors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/synthetic_corpus.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::classifier {
namespace {

// A 10-d word-vectors model holding "topic0x1" (all ones) and "unseenword".
std::string WriteWordVectorsModel() {
  word2vec::WordVectorsParts parts;
  parts.words = {"topic0x1", "unseenword"};
  parts.counts = {5, 1};
  parts.input.Resize(2, 10);
  for (int c = 0; c < 10; ++c) parts.input.At(0, c) = 1.0f;
  parts.input.At(1, 0) = 0.5f;
  parts.input.At(1, 9) = -0.5f;
  auto vectors = word2vec::WordVectors::Create(std::move(parts));
  EXPECT_TRUE(vectors.ok()) << vectors.status();
  const std::string path = wordloom::testing::TempDir() + "/vectors.wlm";
  EXPECT_TRUE(word2vec::SaveModel(**vectors, path).ok());
  return path;
}

TEST(PretrainedVectorsTest, ReadsWordloomVectorsModel) {
  auto vec = ReadPretrainedVectors(WriteWordVectorsModel());
  ASSERT_TRUE(vec.ok()) << vec.status();
  ASSERT_EQ(vec->words.size(), 2u);
  EXPECT_EQ(vec->words[1], "unseenword");
  EXPECT_EQ(vec->vectors.At(1, 9), -0.5f);
}

TEST(PretrainedVectorsTest, TrainerStartsFromWordloomVectors) {
  TrainerOptions options;
  options.dim = 10;
  options.epochs = 10;
  options.lr = 0.5f;
  options.threads = 1;
  options.word_ngrams = 2;
  options.pretrained_vectors = WriteWordVectorsModel();
  auto model = TrainClassifier(testing::SeparableCorpus(2, 30, 14), nullptr, options, nullptr);
  ASSERT_TRUE(model.ok()) << model.status();
  testing::ExpectPretrainedRowKept(**model);
}

TEST(PretrainedVectorsTest, ClassifierFileIsRefusedByName) {
  TrainerOptions options;
  options.dim = 10;
  options.epochs = 1;
  options.threads = 1;
  auto model = TrainClassifier(testing::SeparableCorpus(2, 10, 1), nullptr, options, nullptr);
  ASSERT_TRUE(model.ok());
  const std::string path = wordloom::testing::TempDir() + "/classifier.wlm";
  ASSERT_TRUE(SaveClassifier(**model, path).ok());
  auto vec = ReadPretrainedVectors(path);
  ASSERT_FALSE(vec.ok());
  EXPECT_THAT(std::string(vec.status().message()), ::testing::HasSubstr("classifier model"));
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
