#include "embeddings/linalg/product_quantizer.h"

#include <cmath>
#include <random>
#include <vector>

#include "embeddings/linalg/quant_matrix.h"
#include "embeddings/linalg/vector_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wordloom::embeddings::linalg {
namespace {

DenseMatrix RandomMatrix(size_t rows, size_t cols, uint32_t seed) {
  DenseMatrix m(rows, cols);
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  for (size_t i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

// Mean squared reconstruction error of every row, relative to the mean
// squared value (1 for unit normals).
double RelativeError(const DenseMatrix& m, const QuantMatrix& q) {
  double err = 0.0, energy = 0.0;
  std::vector<float> row(m.cols());
  for (size_t r = 0; r < m.rows(); ++r) {
    Zero(row.data(), row.size());
    q.AddRowTo(r, 1.0f, row.data());
    for (size_t c = 0; c < m.cols(); ++c) {
      err += (row[c] - m.At(r, c)) * (row[c] - m.At(r, c));
      energy += m.At(r, c) * m.At(r, c);
    }
  }
  return err / energy;
}

TEST(ProductQuantizerTest, SubspacesCoverTheDimension) {
  ProductQuantizer pq(10, 3);
  EXPECT_EQ(pq.num_subspaces(), 4);
  EXPECT_EQ(pq.last_dsub(), 1);
  EXPECT_EQ(pq.centroids().size(), 10u * 256);
  ProductQuantizer even(10, 2);
  EXPECT_EQ(even.num_subspaces(), 5);
  EXPECT_EQ(even.last_dsub(), 2);
}

TEST(ProductQuantizerTest, FewRowsAreCodedExactly) {
  DenseMatrix m = RandomMatrix(40, 6, 1);
  auto q = QuantMatrix::Quantize(m, {.dsub = 2, .qnorm = false, .seed = 1, .threads = 1});
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_LT(RelativeError(m, *q), 1e-12);
  std::vector<float> v = {1, -2, 3, 0.5f, 0, 1};
  for (size_t r = 0; r < m.rows(); ++r) {
    EXPECT_NEAR(q->DotRow(v.data(), r), Dot(m.Row(r), v.data(), 6), 1e-5);
  }
}

TEST(ProductQuantizerTest, KMeansApproximatesManyRows) {
  DenseMatrix m = RandomMatrix(3000, 8, 2);
  auto q2 = QuantMatrix::Quantize(m, {.dsub = 2, .qnorm = false, .seed = 7, .threads = 2});
  auto q4 = QuantMatrix::Quantize(m, {.dsub = 4, .qnorm = false, .seed = 7, .threads = 2});
  ASSERT_TRUE(q2.ok() && q4.ok());
  // 256 centroids in 2-d keep ~1% of the energy as error; in 4-d ~ 15%.
  const double e2 = RelativeError(m, *q2), e4 = RelativeError(m, *q4);
  EXPECT_LT(e2, 0.03);
  EXPECT_LT(e4, 0.3);
  EXPECT_LT(e2, e4);
  EXPECT_EQ(q2->codes().size(), 3000u * 4);
  EXPECT_EQ(q4->codes().size(), 3000u * 2);
}

TEST(ProductQuantizerTest, DeterministicWhateverTheThreads) {
  DenseMatrix m = RandomMatrix(1000, 6, 3);
  auto a = QuantMatrix::Quantize(m, {.dsub = 2, .qnorm = true, .seed = 5, .threads = 1});
  auto b = QuantMatrix::Quantize(m, {.dsub = 2, .qnorm = true, .seed = 5, .threads = 2});
  auto c = QuantMatrix::Quantize(m, {.dsub = 2, .qnorm = true, .seed = 6, .threads = 1});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->codes(), b->codes());
  EXPECT_EQ(a->norm_codes(), b->norm_codes());
  EXPECT_EQ(a->pq().centroids(), b->pq().centroids());
  EXPECT_NE(a->pq().centroids(), c->pq().centroids());
}

TEST(ProductQuantizerTest, QuantizedNormsKeepRowLengths) {
  DenseMatrix m = RandomMatrix(2000, 4, 4);
  for (size_t r = 0; r < m.rows(); ++r) Scale(1.0f + static_cast<float>(r % 10), m.Row(r), 4);
  auto q = QuantMatrix::Quantize(m, {.dsub = 2, .qnorm = true, .seed = 1, .threads = 1});
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->qnorm());
  EXPECT_EQ(q->norm_codes().size(), 2000u);
  EXPECT_LT(RelativeError(m, *q), 0.05);
  // A zero row stays zero (no division by a zero norm).
  DenseMatrix z = RandomMatrix(300, 4, 5);
  Zero(z.Row(0), 4);
  auto qz = QuantMatrix::Quantize(z, {.dsub = 2, .qnorm = true, .seed = 1, .threads = 1});
  ASSERT_TRUE(qz.ok());
  std::vector<float> row(4, 0.0f);
  qz->AddRowTo(0, 1.0f, row.data());
  for (float v : row) EXPECT_TRUE(std::isfinite(v));
  EXPECT_LT(Norm(row.data(), 4), 0.1f);
}

TEST(ProductQuantizerTest, FromPartsRejectsInconsistentShapes) {
  EXPECT_FALSE(ProductQuantizer::FromParts(10, 4, 3, 2, std::vector<float>(2560)).ok());
  EXPECT_FALSE(ProductQuantizer::FromParts(10, 5, 2, 2, std::vector<float>(100)).ok());
  std::vector<float> nan(2560, 0.0f);
  nan[7] = NAN;
  EXPECT_FALSE(ProductQuantizer::FromParts(10, 5, 2, 2, nan).ok());
  auto ok = ProductQuantizer::FromParts(10, 4, 3, 1, std::vector<float>(2560));
  ASSERT_TRUE(ok.ok()) << ok.status();
  auto bad_codes = QuantMatrix::FromParts(3, 10, *ok, std::vector<uint8_t>(11), false, {}, {});
  ASSERT_FALSE(bad_codes.ok());
  EXPECT_THAT(std::string(bad_codes.status().message()), ::testing::HasSubstr("code bytes"));
  EXPECT_FALSE(QuantMatrix::Quantize(DenseMatrix(), {}).ok());
}

}  // namespace
}  // namespace wordloom::embeddings::linalg
