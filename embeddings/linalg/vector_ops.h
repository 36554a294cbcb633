// SIMD-friendly float vector kernels shared by word2vec and the classifier.
//
// Plain loops over contiguous float arrays with `__restrict` pointers so the
// compiler vectorises them (-O2/-O3 with -march=native gives AVX2/AVX-512).
// All functions are pure and thread-safe on distinct outputs; Hogwild
// trainers may call Axpy on shared rows concurrently by design (races are
// tolerated, see the trainers' comments).
//
//   float s = linalg::Dot(a.data(), b.data(), dim);
//   linalg::Axpy(-lr * g, a.data(), b.data(), dim);   // b += alpha * a
#ifndef WORDLOOM_EMBEDDINGS_LINALG_VECTOR_OPS_H_
#define WORDLOOM_EMBEDDINGS_LINALG_VECTOR_OPS_H_

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace wordloom::embeddings::linalg {

// Returns sum_i a[i] * b[i]. Uses 4 independent accumulators so the loop
// vectorises without -ffast-math.
inline float Dot(const float* __restrict a, const float* __restrict b, size_t n) {
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; ++i) s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

// y[i] += alpha * x[i].
inline void Axpy(float alpha, const float* __restrict x, float* __restrict y, size_t n) {
  for (size_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

// x[i] *= alpha.
inline void Scale(float alpha, float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) x[i] *= alpha;
}

// x[i] = 0.
inline void Zero(float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) x[i] = 0.0f;
}

// y[i] = x[i].
inline void Copy(const float* __restrict x, float* __restrict y, size_t n) {
  for (size_t i = 0; i < n; ++i) y[i] = x[i];
}

// Returns sum_i x[i]^2.
inline float SquaredNorm(const float* x, size_t n) { return Dot(x, x, n); }

// Returns the Euclidean norm of x.
inline float Norm(const float* x, size_t n) { return std::sqrt(SquaredNorm(x, n)); }

// Scales x to unit length; leaves an all-zero vector unchanged. Returns the
// norm before scaling.
inline float Normalize(float* x, size_t n) {
  float norm = Norm(x, n);
  if (norm > 0.0f) Scale(1.0f / norm, x, n);
  return norm;
}

// Returns the cosine similarity of a and b (0 if either is zero).
inline float Cosine(const float* a, const float* b, size_t n) {
  float denom = Norm(a, n) * Norm(b, n);
  return denom > 0.0f ? Dot(a, b, n) / denom : 0.0f;
}

// Returns the index of the largest element (0 for n == 0).
inline size_t ArgMax(const float* x, size_t n) {
  size_t best = 0;
  for (size_t i = 1; i < n; ++i) {
    if (x[i] > x[best]) best = i;
  }
  return best;
}

// In-place softmax over x[0..n): subtracts the max for stability.
inline void Softmax(float* x, size_t n) {
  if (n == 0) return;
  float max = x[ArgMax(x, n)];
  float z = 0.0f;
  for (size_t i = 0; i < n; ++i) {
    x[i] = std::exp(x[i] - max);
    z += x[i];
  }
  Scale(1.0f / z, x, n);
}

}  // namespace wordloom::embeddings::linalg

#endif  // WORDLOOM_EMBEDDINGS_LINALG_VECTOR_OPS_H_
