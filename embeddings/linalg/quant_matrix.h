// A product-quantised row matrix: the compressed counterpart of DenseMatrix
// for the classifier's input (and optionally output) weights, as fastText's
// QuantMatrix. Each row is a code of ceil(cols / dsub) bytes; with `qnorm`
// rows are stored as unit vectors and their norms quantised separately with
// a one-dimensional quantizer (256 norm levels).
//
// Rows are only ever used through the codebooks (dot products and additions
// per subspace); nothing is decoded to a dense matrix. Immutable after
// Quantize() / FromParts(); const methods are thread-safe.
//
//   WL_ASSIGN_OR_RETURN(QuantMatrix q, QuantMatrix::Quantize(dense, {.dsub = 2}));
//   q.AddRowTo(row, 1.0f, hidden);
//   float score = q.DotRow(hidden, label);
#ifndef WORDLOOM_EMBEDDINGS_LINALG_QUANT_MATRIX_H_
#define WORDLOOM_EMBEDDINGS_LINALG_QUANT_MATRIX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "embeddings/linalg/dense_matrix.h"
#include "embeddings/linalg/product_quantizer.h"

namespace wordloom::embeddings::linalg {

struct QuantizeOptions {
  int32_t dsub = 2;     // values per subspace (fastText's -dsub)
  bool qnorm = false;   // quantise row norms separately (fastText's -qnorm)
  uint64_t seed = 1234;
  size_t threads = 0;   // 0 = all cores
  ProgressReporter* progress = nullptr;  // k-means progress, in subspaces
};

class QuantMatrix {
 public:
  QuantMatrix() = default;

  // Quantises `m`. InvalidArgument for an empty matrix or dsub < 1.
  static absl::StatusOr<QuantMatrix> Quantize(const DenseMatrix& m, const QuantizeOptions& options);

  // Rebuilds from stored parts: `codes` holds rows x pq.num_subspaces()
  // bytes; with qnorm, `norm_codes` one byte per row and `norm_pq` a 1 x 1
  // quantizer. InvalidArgument naming the size that does not match.
  static absl::StatusOr<QuantMatrix> FromParts(size_t rows, size_t cols, ProductQuantizer pq,
                                               std::vector<uint8_t> codes, bool qnorm,
                                               ProductQuantizer norm_pq,
                                               std::vector<uint8_t> norm_codes);

  size_t rows() const { return rows_; }
  size_t cols() const { return cols_; }

  // v . row `r` (v has cols() values).
  float DotRow(const float* v, size_t r) const {
    return pq_.Dot(v, codes_.data() + r * pq_.num_subspaces(), RowNorm(r));
  }
  // out += scale * row `r`.
  void AddRowTo(size_t r, float scale, float* out) const {
    pq_.AddTo(codes_.data() + r * pq_.num_subspaces(), scale * RowNorm(r), out);
  }

  bool qnorm() const { return qnorm_; }
  const ProductQuantizer& pq() const { return pq_; }
  const std::vector<uint8_t>& codes() const { return codes_; }
  const ProductQuantizer& norm_pq() const { return norm_pq_; }
  const std::vector<uint8_t>& norm_codes() const { return norm_codes_; }
  // Bytes of codes and codebooks (what the quantised weights cost in memory).
  size_t MemoryBytes() const;

 private:
  float RowNorm(size_t r) const {
    return qnorm_ ? norm_pq_.centroid(0, norm_codes_[r])[0] : 1.0f;
  }

  size_t rows_ = 0;
  size_t cols_ = 0;
  bool qnorm_ = false;
  ProductQuantizer pq_;
  std::vector<uint8_t> codes_;
  ProductQuantizer norm_pq_;  // dim 1, dsub 1; qnorm only
  std::vector<uint8_t> norm_codes_;
};

}  // namespace wordloom::embeddings::linalg

#endif  // WORDLOOM_EMBEDDINGS_LINALG_QUANT_MATRIX_H_
