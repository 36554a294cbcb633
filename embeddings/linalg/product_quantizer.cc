#include "embeddings/linalg/product_quantizer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/thread_pool.h"

namespace wordloom::embeddings::linalg {
namespace {

constexpr int32_t kK = ProductQuantizer::kCentroids;
// Half the gap a split cluster opens between its two copies (fastText's eps).
constexpr float kSplitEps = 1e-7f;

// Centroids of one subspace transposed to d rows of 256 values, so the
// distances of a point to all centroids vectorise across centroids.
std::vector<float> Transpose(const float* centroids, int32_t d) {
  std::vector<float> t(static_cast<size_t>(d) * kK);
  for (int32_t k = 0; k < kK; ++k) {
    for (int32_t j = 0; j < d; ++j) t[static_cast<size_t>(j) * kK + k] = centroids[k * d + j];
  }
  return t;
}

// Index of the centroid nearest to x (squared L2; the first on ties).
uint8_t Nearest(const float* x, const float* transposed, int32_t d) {
  float dist[kK];
  for (int32_t k = 0; k < kK; ++k) dist[k] = 0.0f;
  for (int32_t j = 0; j < d; ++j) {
    const float* c = transposed + static_cast<size_t>(j) * kK;
    const float xj = x[j];
    for (int32_t k = 0; k < kK; ++k) {
      const float diff = xj - c[k];
      dist[k] += diff * diff;
    }
  }
  int32_t best = 0;
  for (int32_t k = 1; k < kK; ++k) {
    if (dist[k] < dist[best]) best = k;
  }
  return static_cast<uint8_t>(best);
}

// Centroids <- mean of their points; an empty cluster takes half of the
// largest one (the two copies pushed kSplitEps apart), so all 256 are used.
void UpdateCentroids(const float* x, const std::vector<uint8_t>& assign, int32_t d,
                     float* centroids) {
  std::vector<int64_t> count(kK, 0);
  std::vector<double> sum(static_cast<size_t>(kK) * d, 0.0);
  for (size_t i = 0; i < assign.size(); ++i) {
    ++count[assign[i]];
    for (int32_t j = 0; j < d; ++j) sum[assign[i] * d + j] += x[i * d + j];
  }
  for (int32_t k = 0; k < kK; ++k) {
    if (count[k] == 0) continue;
    for (int32_t j = 0; j < d; ++j) {
      centroids[k * d + j] = static_cast<float>(sum[k * d + j] / static_cast<double>(count[k]));
    }
  }
  for (int32_t k = 0; k < kK; ++k) {
    if (count[k] != 0) continue;
    const int32_t big =
        static_cast<int32_t>(std::max_element(count.begin(), count.end()) - count.begin());
    for (int32_t j = 0; j < d; ++j) {
      const float sign = (j % 2 == 0) ? 1.0f : -1.0f;
      centroids[k * d + j] = centroids[big * d + j] + sign * kSplitEps;
      centroids[big * d + j] -= sign * kSplitEps;
    }
    count[k] = count[big] / 2;
    count[big] -= count[k];
  }
}

}  // namespace

ProductQuantizer::ProductQuantizer(int32_t dim, int32_t dsub)
    : dim_(dim), dsub_(std::max(1, std::min(dsub, dim))) {
  nsubq_ = (dim_ + dsub_ - 1) / dsub_;
  last_dsub_ = dim_ - (nsubq_ - 1) * dsub_;
  centroids_.assign(static_cast<size_t>(dim_) * kK, 0.0f);
}

absl::StatusOr<ProductQuantizer> ProductQuantizer::FromParts(int32_t dim, int32_t num_subspaces,
                                                             int32_t dsub, int32_t last_dsub,
                                                             std::vector<float> centroids) {
  if (dim < 1 || dsub < 1 || num_subspaces < 1 || last_dsub < 1 || last_dsub > dsub ||
      static_cast<int64_t>(num_subspaces - 1) * dsub + last_dsub != dim) {
    return absl::InvalidArgumentError(absl::StrCat(
        "product quantizer: ", num_subspaces, " subspaces of width ", dsub, " (last ", last_dsub,
        ") do not make dimension ", dim));
  }
  if (centroids.size() != static_cast<size_t>(dim) * kK) {
    return absl::InvalidArgumentError(absl::StrCat("product quantizer: ", centroids.size(),
                                                   " centroid values, expected ", dim * kK));
  }
  for (float v : centroids) {
    if (!std::isfinite(v)) return absl::InvalidArgumentError("product quantizer: non-finite centroid");
  }
  ProductQuantizer pq;
  pq.dim_ = dim;
  pq.dsub_ = dsub;
  pq.nsubq_ = num_subspaces;
  pq.last_dsub_ = last_dsub;
  pq.centroids_ = std::move(centroids);
  return pq;
}

absl::Status ProductQuantizer::Train(const float* x, size_t n, const PqTrainOptions& options) {
  if (n == 0) return absl::InvalidArgumentError("product quantizer: no rows to train on");
  ParallelFor(static_cast<size_t>(nsubq_), options.threads,
              [&](size_t begin, size_t end, size_t) {
                for (size_t m = begin; m < end; ++m) {
                  TrainSubspace(x, n, static_cast<int32_t>(m), options);
                  if (options.progress != nullptr) options.progress->Add(1, 0);
                }
              });
  return absl::OkStatus();
}

void ProductQuantizer::TrainSubspace(const float* x, size_t n, int32_t m,
                                     const PqTrainOptions& options) {
  const int32_t d = subspace_width(m);
  const size_t offset = static_cast<size_t>(m) * dsub_;
  std::mt19937_64 rng(options.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(m) + 1);
  std::vector<size_t> rows(n);
  std::iota(rows.begin(), rows.end(), size_t{0});
  const size_t np = std::min(n, std::max<size_t>(options.max_points, kK));
  for (size_t i = 0; i < np; ++i) {  // partial Fisher-Yates: a random sample
    std::uniform_int_distribution<size_t> pick(i, n - 1);
    std::swap(rows[i], rows[pick(rng)]);
  }
  std::vector<float> points(np * d);
  for (size_t i = 0; i < np; ++i) {
    std::copy_n(x + rows[i] * dim_ + offset, d, points.data() + i * d);
  }
  float* centroids = centroids_.data() + static_cast<size_t>(m) * kK * dsub_;
  // Start from 256 sampled points (cycling when there are fewer: every row
  // is then its own centroid and the codes are exact).
  for (int32_t k = 0; k < kK; ++k) {
    std::copy_n(points.data() + (static_cast<size_t>(k) % np) * d, d, centroids + k * d);
  }
  if (np <= static_cast<size_t>(kK)) return;
  std::vector<uint8_t> assign(np);
  for (int32_t it = 0; it < options.iterations; ++it) {
    const std::vector<float> t = Transpose(centroids, d);
    for (size_t i = 0; i < np; ++i) assign[i] = Nearest(points.data() + i * d, t.data(), d);
    UpdateCentroids(points.data(), assign, d, centroids);
  }
}

void ProductQuantizer::Encode(const float* x, uint8_t* code) const {
  for (int32_t m = 0; m < nsubq_; ++m) {
    const int32_t d = subspace_width(m);
    const std::vector<float> t = Transpose(centroid(m, 0), d);
    code[m] = Nearest(x + static_cast<size_t>(m) * dsub_, t.data(), d);
  }
}

void ProductQuantizer::EncodeRows(const float* x, size_t n, uint8_t* codes,
                                  size_t threads) const {
  std::vector<std::vector<float>> transposed(nsubq_);
  for (int32_t m = 0; m < nsubq_; ++m) transposed[m] = Transpose(centroid(m, 0), subspace_width(m));
  ParallelFor(n, threads, [&](size_t begin, size_t end, size_t) {
    for (size_t i = begin; i < end; ++i) {
      for (int32_t m = 0; m < nsubq_; ++m) {
        codes[i * nsubq_ + m] = Nearest(x + i * dim_ + static_cast<size_t>(m) * dsub_,
                                        transposed[m].data(), subspace_width(m));
      }
    }
  });
}

float ProductQuantizer::Dot(const float* x, const uint8_t* code, float alpha) const {
  float sum = 0.0f;
  for (int32_t m = 0; m < nsubq_; ++m) {
    const float* c = centroid(m, code[m]);
    const float* xm = x + static_cast<size_t>(m) * dsub_;
    const int32_t d = subspace_width(m);
    for (int32_t j = 0; j < d; ++j) sum += xm[j] * c[j];
  }
  return sum * alpha;
}

void ProductQuantizer::AddTo(const uint8_t* code, float alpha, float* out) const {
  for (int32_t m = 0; m < nsubq_; ++m) {
    const float* c = centroid(m, code[m]);
    float* om = out + static_cast<size_t>(m) * dsub_;
    const int32_t d = subspace_width(m);
    for (int32_t j = 0; j < d; ++j) om[j] += alpha * c[j];
  }
}

}  // namespace wordloom::embeddings::linalg
