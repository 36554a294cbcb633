#include "embeddings/linalg/quant_matrix.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::linalg {

absl::StatusOr<QuantMatrix> QuantMatrix::Quantize(const DenseMatrix& m,
                                                  const QuantizeOptions& options) {
  if (m.rows() == 0 || m.cols() == 0) {
    return absl::InvalidArgumentError("quantize: the matrix is empty");
  }
  if (options.dsub < 1) {
    return absl::InvalidArgumentError(absl::StrCat("quantize: dsub ", options.dsub, " < 1"));
  }
  QuantMatrix q;
  q.rows_ = m.rows();
  q.cols_ = m.cols();
  q.qnorm_ = options.qnorm;
  PqTrainOptions train;
  train.seed = options.seed;
  train.threads = options.threads;
  train.progress = options.progress;
  const DenseMatrix* source = &m;
  DenseMatrix unit;
  if (options.qnorm) {  // unit rows; the norms get their own 1-d codebook
    unit = m;
    std::vector<float> norms(m.rows());
    for (size_t r = 0; r < m.rows(); ++r) {
      norms[r] = Norm(unit.Row(r), m.cols());
      if (norms[r] > 0.0f) Scale(1.0f / norms[r], unit.Row(r), m.cols());
    }
    q.norm_pq_ = ProductQuantizer(1, 1);
    WL_RETURN_IF_ERROR(q.norm_pq_.Train(norms.data(), norms.size(), train));
    q.norm_codes_.resize(m.rows());
    q.norm_pq_.EncodeRows(norms.data(), norms.size(), q.norm_codes_.data(), options.threads);
    source = &unit;
  }
  q.pq_ = ProductQuantizer(static_cast<int32_t>(m.cols()), options.dsub);
  WL_RETURN_IF_ERROR(q.pq_.Train(source->data(), source->rows(), train));
  q.codes_.resize(q.rows_ * q.pq_.num_subspaces());
  q.pq_.EncodeRows(source->data(), source->rows(), q.codes_.data(), options.threads);
  return q;
}

absl::StatusOr<QuantMatrix> QuantMatrix::FromParts(size_t rows, size_t cols, ProductQuantizer pq,
                                                   std::vector<uint8_t> codes, bool qnorm,
                                                   ProductQuantizer norm_pq,
                                                   std::vector<uint8_t> norm_codes) {
  if (static_cast<size_t>(pq.dim()) != cols) {
    return absl::InvalidArgumentError(absl::StrCat("quantised matrix: codebook dimension ",
                                                   pq.dim(), " != ", cols, " columns"));
  }
  if (codes.size() != rows * pq.num_subspaces()) {
    return absl::InvalidArgumentError(absl::StrCat("quantised matrix: ", codes.size(),
                                                   " code bytes, expected ", rows, " rows x ",
                                                   pq.num_subspaces(), " subspaces"));
  }
  if (qnorm && (norm_pq.dim() != 1 || norm_codes.size() != rows)) {
    return absl::InvalidArgumentError(absl::StrCat("quantised matrix: ", norm_codes.size(),
                                                   " norm codes for ", rows, " rows"));
  }
  QuantMatrix q;
  q.rows_ = rows;
  q.cols_ = cols;
  q.qnorm_ = qnorm;
  q.pq_ = std::move(pq);
  q.codes_ = std::move(codes);
  if (qnorm) {
    q.norm_pq_ = std::move(norm_pq);
    q.norm_codes_ = std::move(norm_codes);
  }
  return q;
}

size_t QuantMatrix::MemoryBytes() const {
  return codes_.size() + norm_codes_.size() +
         (pq_.centroids().size() + norm_pq_.centroids().size()) * sizeof(float);
}

}  // namespace wordloom::embeddings::linalg
