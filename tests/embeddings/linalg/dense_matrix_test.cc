#include "embeddings/linalg/dense_matrix.h"

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
