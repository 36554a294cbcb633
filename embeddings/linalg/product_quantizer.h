// Product quantisation (Jégou et al.; fastText's `quantize`): a vector of
// `dim` floats is cut into subspaces of `dsub` consecutive values (the last
// one shorter when dsub does not divide dim), and each piece is replaced by
// the index (one byte) of the nearest of 256 centroids learnt for that
// subspace by k-means. A row of dim floats shrinks to ceil(dim / dsub) bytes.
//
// The centroid layout is fastText's (subspace m's 256 centroids back to back,
// each of that subspace's width), so fastText `.ftz` codebooks load as they
// are. Immutable after Train() / FromParts(); const methods are thread-safe.
//
//   ProductQuantizer pq(/*dim=*/100, /*dsub=*/2);
//   WL_RETURN_IF_ERROR(pq.Train(rows.data(), n, {.seed = 1234}));
//   std::vector<uint8_t> code(pq.num_subspaces());
//   pq.Encode(x, code.data());
//   float score = pq.Dot(hidden, code.data());
#ifndef WORDLOOM_EMBEDDINGS_LINALG_PRODUCT_QUANTIZER_H_
#define WORDLOOM_EMBEDDINGS_LINALG_PRODUCT_QUANTIZER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/progress.h"

namespace wordloom::embeddings::linalg {

struct PqTrainOptions {
  uint64_t seed = 1234;           // sampling and k-means initialisation
  int32_t iterations = 25;        // k-means iterations per subspace
  size_t max_points = 256 * 256;  // rows sampled per subspace for k-means
  size_t threads = 1;             // subspaces trained in parallel (0 = all cores)
  ProgressReporter* progress = nullptr;  // if set: Add(1, 0) per subspace trained
};

class ProductQuantizer {
 public:
  static constexpr int32_t kCentroids = 256;  // one byte per subspace code

  ProductQuantizer() = default;
  // An untrained quantizer (all centroids zero). dim >= 1, 1 <= dsub.
  ProductQuantizer(int32_t dim, int32_t dsub);

  // Rebuilds a trained quantizer from stored parts; InvalidArgument naming
  // the inconsistency (subspace count or widths that do not add up to dim,
  // a centroid table that is not dim * 256 values, non-finite centroids).
  static absl::StatusOr<ProductQuantizer> FromParts(int32_t dim, int32_t num_subspaces,
                                                    int32_t dsub, int32_t last_dsub,
                                                    std::vector<float> centroids);

  // Learns the codebooks from `n` rows of `x` (row-major, n x dim) by k-means
  // in each subspace. With fewer than 256 distinct rows each row becomes a
  // centroid (exact codes). InvalidArgument when n == 0. Deterministic for
  // a given seed, whatever the thread count.
  absl::Status Train(const float* x, size_t n, const PqTrainOptions& options);

  // Writes the code (num_subspaces() bytes) of the dim floats at `x`.
  void Encode(const float* x, uint8_t* code) const;
  // Codes of n rows (n x num_subspaces() bytes), on `threads` threads.
  void EncodeRows(const float* x, size_t n, uint8_t* codes, size_t threads) const;

  // alpha * (x . decoded(code)), computed subspace by subspace from the
  // centroids (nothing is decoded into a buffer).
  float Dot(const float* x, const uint8_t* code, float alpha = 1.0f) const;
  // out += alpha * decoded(code).
  void AddTo(const uint8_t* code, float alpha, float* out) const;

  // Centroid `k` of subspace `m` (subspace_width(m) floats).
  const float* centroid(int32_t m, int32_t k) const {
    return centroids_.data() + static_cast<size_t>(m) * kCentroids * dsub_ +
           static_cast<size_t>(k) * subspace_width(m);
  }
  int32_t subspace_width(int32_t m) const { return m == nsubq_ - 1 ? last_dsub_ : dsub_; }
  int32_t dim() const { return dim_; }
  int32_t dsub() const { return dsub_; }
  int32_t last_dsub() const { return last_dsub_; }
  int32_t num_subspaces() const { return nsubq_; }
  const std::vector<float>& centroids() const { return centroids_; }

 private:
  void TrainSubspace(const float* x, size_t n, int32_t m, const PqTrainOptions& options);

  int32_t dim_ = 0;
  int32_t dsub_ = 1;
  int32_t nsubq_ = 0;
  int32_t last_dsub_ = 1;
  std::vector<float> centroids_;  // dim * kCentroids, fastText's layout
};

}  // namespace wordloom::embeddings::linalg

#endif  // WORDLOOM_EMBEDDINGS_LINALG_PRODUCT_QUANTIZER_H_
