// Prediction through product-quantised weights: the hidden vector is summed
// from the input codebooks (one centroid per subspace per row) and output
// scores are dot products taken subspace by subspace against the output
// codebooks; no row is ever decoded into a dense matrix. Same results as
// fastText's QuantMatrix::addRowToVector / dotRow, to float rounding.
#include "embeddings/classifier/classifier_model.h"

#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::classifier {

void ClassifierModel::ComputeHiddenQuantized(const std::vector<int32_t>& rows,
                                             float* hidden) const {
  const linalg::QuantMatrix& input = *data_.quant_input;
  const size_t dim = input.cols();
  linalg::Zero(hidden, dim);
  for (int32_t row : rows) input.AddRowTo(static_cast<size_t>(row), 1.0f, hidden);
  linalg::Scale(1.0f / static_cast<float>(rows.size()), hidden, dim);
}

float ClassifierModel::QuantizedOutputDot(int32_t row, const float* hidden) const {
  return data_.quant_output->DotRow(hidden, static_cast<size_t>(row));
}

}  // namespace wordloom::embeddings::classifier
