// The inner SGD steps of word2vec: one binary logistic regression of a
// hidden vector against one output row (negative sampling and each node of
// hierarchical softmax), and the random numbers the trainer draws.
//
// SIMD: through the compiler's vectoriser, not Highway/xsimd. The kernels
// are plain loops over `__restrict` floats that GCC vectorises at -O3 with
// -march=native (AVX2 / AVX-512 here); LaneDot keeps 16 lane accumulators
// so the reduction vectorises without -ffast-math. At dim 100 a step is one
// dot product and two axpys on 400-byte rows, and perf showed the loop
// bound by cache misses on random output rows and noise-table entries, not
// by vector width: the big wins were walking a shuffled noise table and
// prefetching rows (trainer.cc), after which the remaining arithmetic is a
// few dozen vector instructions a library would not shorten. (See
// bench/word2vec and bench/RESULTS.md.)
//
// Thread-safety: pure functions of their arguments. The trainer calls them
// on shared weight rows from several threads without locks (Hogwild).
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_SGD_KERNELS_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_SGD_KERNELS_H_

#include <cstddef>
#include <cstdint>

#include "embeddings/linalg/activation_tables.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::word2vec {

// One logistic-regression step: p = sigmoid(hidden . out_row), alpha =
// lr * (label - p); grad += alpha * out_row (the input gradient, applied by
// the caller after all targets), then out_row += alpha * hidden. Returns the
// loss -log p (label 1) or -log(1 - p) (label 0) before the update.
// sum_i a[i] * b[i] with 16 independent lane accumulators: GCC turns the
// inner loop into whole-vector multiply-adds (one zmm or two ymm per 16
// floats) and reduces once at the end. linalg::Dot's 4 scalar accumulators
// made it shuffle (vpermt2ps) every iteration, ~7% of training time.
inline float LaneDot(const float* __restrict a, const float* __restrict b, size_t n) {
  float acc[16] = {};
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    for (size_t j = 0; j < 16; ++j) acc[j] += a[i + j] * b[i + j];
  }
  for (size_t j = 0; i < n; ++i, ++j) acc[j] += a[i] * b[i];
  for (size_t j = 0; j < 8; ++j) acc[j] += acc[j + 8];
  for (size_t j = 0; j < 4; ++j) acc[j] += acc[j + 4];
  return (acc[0] + acc[2]) + (acc[1] + acc[3]);
}

inline float BinaryLogisticStep(const float* hidden, float* out_row, bool label, float lr,
                                float* grad, size_t dim) {
  const float p = linalg::FastSigmoid(LaneDot(hidden, out_row, dim));
  const float alpha = lr * ((label ? 1.0f : 0.0f) - p);
  linalg::Axpy(alpha, out_row, grad, dim);
  linalg::Axpy(alpha, hidden, out_row, dim);
  return label ? -linalg::FastLog(p) : -linalg::FastLog(1.0f - p);
}

// Hints the CPU to bring the `dim` floats at `row` into cache for writing.
// The SGD loop is bound by cache misses on random output rows (and the
// negative table), not by arithmetic: issuing the loads one context ahead
// overlaps their latency with the current step's work.
inline void PrefetchRow(const float* row, size_t dim) {
  const char* p = reinterpret_cast<const char*>(row);
  const char* end = reinterpret_cast<const char*>(row + dim);
  for (; p < end; p += 64) __builtin_prefetch(p, 1, 3);
}

// A small fast generator (xorshift64*), one per training thread.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull) {
    if (state_ == 0) state_ = 1;
  }
  uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  // Uniform in [0, 1).
  float Uniform() { return static_cast<float>(Next() >> 40) * (1.0f / 16777216.0f); }
  // Uniform in [0, n).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }

 private:
  uint64_t state_;
};

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_SGD_KERNELS_H_
