#include "embeddings/linalg/dense_matrix.h"

#include <cstdint>
#include <vector>

#include "gtest/gtest.h"

namespace wordloom::embeddings::linalg {
namespace {

TEST(DenseMatrixTest, StartsZeroAndRowsAreContiguous) {
  DenseMatrix m(3, 5);
  EXPECT_EQ(m.rows(), 3u);
  EXPECT_EQ(m.cols(), 5u);
  for (size_t i = 0; i < m.size(); ++i) EXPECT_EQ(m.data()[i], 0.0f);
  m.At(1, 2) = 7.0f;
  EXPECT_EQ(m.Row(1)[2], 7.0f);
  EXPECT_EQ(m.data()[7], 7.0f);
}

TEST(DenseMatrixTest, UniformInitIsBoundedAndDeterministic) {
  DenseMatrix a(600, 2000), b(600, 2000);
  a.UniformInit(0.1f, 42, 2);
  b.UniformInit(0.1f, 42, 2);
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_LE(std::abs(a.data()[i]), 0.1f);
    ASSERT_EQ(a.data()[i], b.data()[i]);
    sum += a.data()[i];
  }
  EXPECT_NEAR(sum / a.size(), 0.0, 1e-3);
}

// MeanOfRows fetches rows ahead; the sum must be the plain mean, rows
// repeated or not, for lengths below and above the fetch distance.
TEST(DenseMatrixTest, MeanOfRowsIsThePlainMean) {
  for (size_t cols : {1u, 10u, 100u}) {
    DenseMatrix m(50, cols);
    m.UniformInit(1.0f, 3);
    for (size_t n : {0u, 1u, 7u, 8u, 9u, 40u}) {
      std::vector<int32_t> rows;
      for (size_t i = 0; i < n; ++i) rows.push_back(static_cast<int32_t>((i * 7) % 50));
      if (n > 2) rows[2] = rows[0];
      std::vector<float> out(cols, 5.0f), expected(cols, 0.0f);
      m.MeanOfRows(rows.data(), rows.size(), out.data());
      for (int32_t r : rows) {
        for (size_t c = 0; c < cols; ++c) expected[c] += m.At(r, c);
      }
      for (size_t c = 0; c < cols; ++c) {
        if (n > 0) expected[c] /= static_cast<float>(n);
        EXPECT_NEAR(out[c], expected[c], 1e-5f) << "cols " << cols << " n " << n << " c " << c;
      }
    }
  }
}

TEST(DenseMatrixTest, CopyAndMultiply) {
  DenseMatrix m(2, 3);
  m.At(0, 0) = 1;
  m.At(1, 2) = 2;
  DenseMatrix c = m;
  std::vector<float> v = {3, 4, 5}, out(2);
  c.MultiplyVector(v.data(), out.data());
  EXPECT_EQ(out[0], 3.0f);
  EXPECT_EQ(out[1], 10.0f);
  std::vector<float> acc(3, 0.0f);
  c.AddRowTo(1, 0.5f, acc.data());
  EXPECT_EQ(acc[2], 1.0f);
}

}  // namespace
}  // namespace wordloom::embeddings::linalg
