// A dense row-major float matrix: the weight storage of word2vec and the
// supervised classifier (input embeddings, output vectors).
//
// Owns its storage (64-byte aligned so rows vectorise well; matrices of 2 MiB
// and more on transparent huge pages). Not internally
// synchronised: concurrent reads are safe; trainers write rows concurrently
// Hogwild-style on purpose and say so where they do.
//
//   DenseMatrix m(vocab_size, dim);
//   m.UniformInit(1.0f / dim, /*seed=*/1, /*threads=*/2);
//   linalg::Axpy(1.0f, m.Row(w), hidden, dim);
#ifndef WORDLOOM_EMBEDDINGS_LINALG_DENSE_MATRIX_H_
#define WORDLOOM_EMBEDDINGS_LINALG_DENSE_MATRIX_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "core/huge_pages.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::linalg {
namespace internal {

// Frees a DenseMatrix's storage, which Resize() took from huge pages or from
// aligned_alloc depending on its size.
struct ReleaseMatrixStorage {
  size_t bytes = 0;
  void operator()(float* p) const {
    if (bytes >= kHugePageThreshold) {
      UnmapHugePages(p, bytes);
    } else {
      std::free(p);
    }
  }
};

}  // namespace internal

class DenseMatrix {
 public:
  DenseMatrix() = default;
  // A rows x cols matrix of zeros.
  DenseMatrix(size_t rows, size_t cols) { Resize(rows, cols); }

  DenseMatrix(const DenseMatrix& other) { *this = other; }
  DenseMatrix& operator=(const DenseMatrix& other) {
    if (this != &other) {
      Resize(other.rows_, other.cols_);
      if (size() > 0) std::memcpy(data_.get(), other.data_.get(), size() * sizeof(float));
    }
    return *this;
  }
  DenseMatrix(DenseMatrix&&) noexcept = default;
  DenseMatrix& operator=(DenseMatrix&&) noexcept = default;

  // Reallocates to rows x cols, all zeros.
  void Resize(size_t rows, size_t cols) {
    rows_ = rows;
    cols_ = cols;
    const size_t bytes = ((rows * cols * sizeof(float) + 63) / 64) * 64;
    if (bytes >= kHugePageThreshold) {
      // 2 MiB pages, zeroed by the kernel: rows of one text lie scattered
      // over the matrix, and with 4 KiB pages most row reads of a large
      // model also miss the TLB (more so in a server that shares its cores
      // with other processes).
      data_ = Storage(static_cast<float*>(MapHugePages(bytes)), Release{bytes});
      return;
    }
    data_ = Storage(bytes ? static_cast<float*>(std::aligned_alloc(64, bytes)) : nullptr,
                    Release{bytes});
    if (bytes) std::memset(data_.get(), 0, bytes);
  }

  size_t rows() const { return rows_; }
  size_t cols() const { return cols_; }
  size_t size() const { return rows_ * cols_; }
  float* data() { return data_.get(); }
  const float* data() const { return data_.get(); }
  float* Row(size_t r) { return data_.get() + r * cols_; }
  const float* Row(size_t r) const { return data_.get() + r * cols_; }
  float& At(size_t r, size_t c) { return data_[r * cols_ + c]; }
  float At(size_t r, size_t c) const { return data_[r * cols_ + c]; }

  void SetZero() { Zero(data_.get(), size()); }

  // Fills with i.i.d. uniform values in [-bound, bound]. Deterministic for a
  // given (seed, threads); rows are split into contiguous blocks, one per
  // thread, each with its own generator (fast even for 2M x 100 matrices).
  void UniformInit(float bound, uint64_t seed, size_t threads = 1) {
    size_t n = size();
    if (threads == 0 || n < (1u << 20)) threads = 1;
    auto fill = [&](size_t t) {
      size_t begin = n * t / threads, end = n * (t + 1) / threads;
      uint64_t state = seed * 0x9E3779B97F4A7C15ull + t * 0xBF58476D1CE4E5B9ull + 1;
      float* d = data_.get();
      for (size_t i = begin; i < end; ++i) {
        state ^= state << 13;  // xorshift64
        state ^= state >> 7;
        state ^= state << 17;
        float u = static_cast<float>(state >> 40) * (1.0f / 16777216.0f);  // [0,1)
        d[i] = (2.0f * u - 1.0f) * bound;
      }
    };
    if (threads == 1) {
      fill(0);
      return;
    }
    std::vector<std::thread> workers;
    for (size_t t = 0; t < threads; ++t) workers.emplace_back(fill, t);
    for (auto& w : workers) w.join();
  }

  // out[r] = Row(r) . v for every row (out has rows() entries).
  void MultiplyVector(const float* v, float* out) const {
    for (size_t r = 0; r < rows_; ++r) out[r] = Dot(Row(r), v, cols_);
  }

  // out = mean of rows[0..n) (cols() entries; zeros when n == 0): the
  // hidden vector of the supervised model. The rows of one text lie
  // scattered over a large matrix, so the loop is bound by memory latency;
  // it fetches the rows a few ahead of the sum.
  void MeanOfRows(const int32_t* rows, size_t n, float* out) const {
    constexpr size_t kAhead = 8;
    const size_t row_bytes = cols_ * sizeof(float);
    Zero(out, cols_);
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n && row_bytes > 0) {
        const char* p = reinterpret_cast<const char*>(Row(rows[i + kAhead]));
        for (size_t b = 0; b < row_bytes; b += 64) __builtin_prefetch(p + b);
        __builtin_prefetch(p + row_bytes - 1);
      }
      Axpy(1.0f, Row(rows[i]), out, cols_);
    }
    if (n > 0) Scale(1.0f / static_cast<float>(n), out, cols_);
  }

  // Adds scale * Row(r) into out (cols() entries).
  void AddRowTo(size_t r, float scale, float* out) const { Axpy(scale, Row(r), out, cols_); }

 private:
  using Storage = std::unique_ptr<float[], internal::ReleaseMatrixStorage>;
  using Release = internal::ReleaseMatrixStorage;
  size_t rows_ = 0;
  size_t cols_ = 0;
  Storage data_;
};

}  // namespace wordloom::embeddings::linalg

#endif  // WORDLOOM_EMBEDDINGS_LINALG_DENSE_MATRIX_H_
