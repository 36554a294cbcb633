#include "embeddings/linalg/vector_ops.h"

#include <cmath>
#include <vector>

#include "embeddings/linalg/activation_tables.h"
#include "gtest/gtest.h"

namespace wordloom::embeddings::linalg {
namespace {

TEST(VectorOpsTest, DotHandlesTailAndEmpty) {
  std::vector<float> a = {1, 2, 3, 4, 5, 6, 7};
  std::vector<float> b = {1, 1, 1, 1, 1, 1, 2};
  EXPECT_FLOAT_EQ(Dot(a.data(), b.data(), 7), 35.0f);
  EXPECT_FLOAT_EQ(Dot(a.data(), b.data(), 0), 0.0f);
}

TEST(VectorOpsTest, AxpyScaleNorm) {
  std::vector<float> x = {3, 4};
  std::vector<float> y = {1, 1};
  Axpy(2.0f, x.data(), y.data(), 2);
  EXPECT_FLOAT_EQ(y[0], 7.0f);
  EXPECT_FLOAT_EQ(y[1], 9.0f);
  EXPECT_FLOAT_EQ(Norm(x.data(), 2), 5.0f);
  EXPECT_FLOAT_EQ(Normalize(x.data(), 2), 5.0f);
  EXPECT_FLOAT_EQ(x[0], 0.6f);
  Scale(0.5f, y.data(), 2);
  EXPECT_FLOAT_EQ(y[1], 4.5f);
  std::vector<float> z = {0, 0};
  EXPECT_FLOAT_EQ(Normalize(z.data(), 2), 0.0f);
  EXPECT_FLOAT_EQ(Cosine(z.data(), y.data(), 2), 0.0f);
}

TEST(VectorOpsTest, SoftmaxSumsToOneAndIsStable) {
  std::vector<float> x = {1000.0f, 1001.0f, 999.0f};
  Softmax(x.data(), 3);
  EXPECT_NEAR(x[0] + x[1] + x[2], 1.0f, 1e-6);
  EXPECT_EQ(ArgMax(x.data(), 3), 1u);
}

TEST(ActivationTablesTest, SigmoidAndLogApproximate) {
  EXPECT_NEAR(FastSigmoid(0.0f), 0.5f, 0.02f);
  EXPECT_EQ(FastSigmoid(9.0f), 1.0f);
  EXPECT_EQ(FastSigmoid(-9.0f), 0.0f);
  EXPECT_NEAR(FastLog(0.5f), std::log(0.5f), 0.01f);
  EXPECT_NEAR(FastLog(1.0f), 0.0f, 1e-4f);
}

// The SGD steps take gradients straight from FastSigmoid: it must be close
// to the exact sigmoid everywhere in the table range (not just at grid
// points), monotone, and never read outside its table.
TEST(ActivationTablesTest, SigmoidIsAccurateBetweenGridPoints) {
  float previous = 0.0f;
  for (float x = -8.0f; x <= 8.0f; x += 0.001f) {
    const float exact = 1.0f / (1.0f + std::exp(-x));
    const float fast = FastSigmoid(x);
    ASSERT_NEAR(fast, exact, 3e-5f) << "x=" << x;
    ASSERT_GE(fast, previous) << "x=" << x;
    previous = fast;
  }
  EXPECT_NEAR(FastSigmoid(8.0f), 1.0f / (1.0f + std::exp(-8.0f)), 1e-6f);
  EXPECT_NEAR(FastSigmoid(-0.01f), 1.0f / (1.0f + std::exp(0.01f)), 3e-5f);
  EXPECT_EQ(FastSigmoid(std::nanf("")), 0.0f);
}

}  // namespace
}  // namespace wordloom::embeddings::linalg
