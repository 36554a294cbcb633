// .wlm and .vec round trips, and clear errors for truncated, corrupt and
// foreign files.
#include "embeddings/word2vec/model_io.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "embeddings/fasttext_format/vec_format.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::word2vec {
namespace {

std::unique_ptr<WordVectors> Sample(bool subwords) {
  WordVectorsParts parts;
  parts.words = {"the", "cat", "sat"};
  parts.counts = {10, 4, 2};
  const size_t rows = 3 + (subwords ? 50 : 0);
  parts.input.Resize(rows, 5);
  parts.input.UniformInit(0.5f, 3);
  parts.output.Resize(3, 5);
  parts.output.UniformInit(0.5f, 4);
  if (subwords) parts.subwords = {3, 4, 50};
  parts.normalization = QueryNormalization::kWordloom;
  parts.params = {{"mode", "skipgram"}, {"vector_dim", "5"}};
  auto v = WordVectors::Create(std::move(parts));
  EXPECT_TRUE(v.ok()) << v.status();
  return std::move(v).value();
}

TEST(ModelIoTest, WlmRoundTripIsExact) {
  for (bool subwords : {false, true}) {
    auto v = Sample(subwords);
    std::string path = testing::TempDir() + "/m.wlm";
    ASSERT_TRUE(SaveModel(*v, path).ok());
    auto loaded = LoadVectors(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    const WordVectors& w = **loaded;
    EXPECT_EQ(w.words(), v->words());
    EXPECT_EQ(w.counts(), v->counts());
    EXPECT_EQ(w.params(), v->params());
    EXPECT_EQ(w.subwords().bucket, v->subwords().bucket);
    EXPECT_EQ(w.query_normalization(), QueryNormalization::kWordloom);
    ASSERT_EQ(w.input().size(), v->input().size());
    for (size_t i = 0; i < w.input().size(); ++i) EXPECT_EQ(w.input().data()[i], v->input().data()[i]);
    for (size_t i = 0; i < w.output().size(); ++i) EXPECT_EQ(w.output().data()[i], v->output().data()[i]);
    std::vector<float> a(5), b(5);
    v->WordVector("unseen", a.data());
    w.WordVector("unseen", b.data());
    EXPECT_EQ(a, b);
  }
}

TEST(ModelIoTest, VecRoundTripWithinPrintPrecision) {
  auto v = Sample(true);
  std::string path = testing::TempDir() + "/m.vec";
  ASSERT_TRUE(SaveVec(*v, path).ok());
  auto loaded = LoadVectors(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->words(), v->words());
  linalg::DenseMatrix want = v->VocabularyMatrix();
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR((*loaded)->input().data()[i], want.data()[i], 1e-6);
  }
}

// Loading reports its progress: every byte of a .vec (and every row) and of
// a .wlm once, drawn on the given stream.
TEST(ModelIoTest, LoadingReportsProgress) {
  auto v = Sample(true);
  const std::string dir = testing::TempDir();
  ASSERT_TRUE(SaveVec(*v, dir + "/p.vec").ok());
  ASSERT_TRUE(SaveModel(*v, dir + "/p.wlm").ok());
  const std::string vec_bytes = testing::ReadFile(dir + "/p.vec");
  const std::string wlm_bytes = testing::ReadFile(dir + "/p.wlm");
  FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  {
    // The reporters write their last line when destroyed: before fclose.
    ProgressReporter vec_progress(
        {.label = "load p.vec", .mode = ProgressOptions::Mode::kAlways, .out = sink});
    ASSERT_TRUE(fasttext::ReadVec(dir + "/p.vec", &vec_progress).ok());
    EXPECT_EQ(vec_progress.items(), 3u);
    EXPECT_EQ(vec_progress.bytes(), vec_bytes.size());
    ProgressReporter wlm_progress(
        {.label = "load p.wlm", .mode = ProgressOptions::Mode::kAlways, .out = sink});
    ASSERT_TRUE(LoadModel(dir + "/p.wlm", &wlm_progress).ok());
    EXPECT_EQ(wlm_progress.bytes(), wlm_bytes.size());
  }
  std::fclose(sink);

  // The commands draw it on stderr with --progress.
  testing::CommandResult r = testing::RunWordloom("vectors --progress --model " + dir + "/p.wlm " +
                                                  dir + "/p.vec");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("load " + dir + "/p.wlm"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("100.0%"), std::string::npos) << r.err;
}

TEST(ModelIoTest, TruncatedWlmIsDataLoss) {
  auto v = Sample(false);
  std::string path = testing::TempDir() + "/t.wlm";
  ASSERT_TRUE(SaveModel(*v, path).ok());
  std::string bytes = testing::ReadFile(path);
  for (size_t cut : {size_t{3}, size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    testing::WriteFile(path, bytes.substr(0, cut));
    auto r = LoadModel(path);
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
    EXPECT_NE(r.status().message().find("t.wlm"), std::string::npos);
  }
}

TEST(ModelIoTest, FlippedByteFailsTheChecksum) {
  auto v = Sample(false);
  std::string path = testing::TempDir() + "/c.wlm";
  ASSERT_TRUE(SaveModel(*v, path).ok());
  std::string bytes = testing::ReadFile(path);
  bytes[bytes.size() - 20] ^= 0x40;
  testing::WriteFile(path, bytes);
  auto r = LoadModel(path);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos);
}

TEST(ModelIoTest, ForeignFileIsInvalidArgument) {
  std::string path = testing::TempDir() + "/foreign.wlm";
  testing::WriteFile(path, "this is not a model file at all, just some text\n");
  auto r = LoadModel(path);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("foreign.wlm"), std::string::npos);
  EXPECT_EQ(LoadVectors(testing::TempDir() + "/x.model").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(LoadVectors(testing::TempDir() + "/missing.vec").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ModelIoTest, NonFiniteWeightsAreDataLossNamingTheWord) {
  WordVectorsParts parts;
  parts.words = {"fine", "broken"};
  parts.input.Resize(2, 3);
  parts.input.At(1, 2) = std::nanf("");
  auto v = WordVectors::Create(std::move(parts));
  ASSERT_TRUE(v.ok());
  std::string path = testing::TempDir() + "/nan.wlm";
  ASSERT_TRUE(SaveModel(**v, path).ok());
  auto r = LoadVectors(path);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
  EXPECT_NE(std::string(r.status().message()).find("nan.wlm"), std::string::npos) << r.status();
  EXPECT_NE(std::string(r.status().message()).find("\"broken\""), std::string::npos) << r.status();
}

TEST(WordVectorsTest, SentenceVectorIsMeanOfUnitVectors) {
  WordVectorsParts parts;
  parts.words = {"a", "b"};
  parts.input.Resize(2, 2);
  parts.input.At(0, 0) = 3;  // a = (3, 0) -> (1, 0)
  parts.input.At(1, 1) = 5;  // b = (0, 5) -> (0, 1)
  auto v = WordVectors::Create(std::move(parts));
  ASSERT_TRUE(v.ok());
  float out[2];
  ASSERT_TRUE((*v)->SentenceVector({"a", "b", "unknown"}, out));
  EXPECT_FLOAT_EQ(out[0], 0.5f);
  EXPECT_FLOAT_EQ(out[1], 0.5f);
  EXPECT_FALSE((*v)->SentenceVector({"unknown"}, out));
}

}  // namespace
}  // namespace wordloom::embeddings::word2vec
