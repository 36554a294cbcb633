#include "embeddings/classifier/quantize.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::classifier {
namespace {

// Everything but the weights.
ModelData CopyWithoutWeights(const ModelData& m) {
  ModelData c;
  c.tokenizer = m.tokenizer;
  c.word_ngrams = m.word_ngrams;
  c.buckets = m.buckets;
  c.minn = m.minn;
  c.maxn = m.maxn;
  c.loss = m.loss;
  c.epochs = m.epochs;
  c.lr = m.lr;
  c.negatives = m.negatives;
  c.seed = m.seed;
  c.words = m.words;
  c.word_hashes = m.word_hashes;
  c.labels = m.labels;
  c.label_counts = m.label_counts;
  c.dense_buckets = m.dense_buckets;
  c.bucket_ids = m.bucket_ids;
  c.fasttext_sigmoid = m.fasttext_sigmoid;
  return c;
}

// Input rows to keep: the end-of-line row first, then by decreasing norm
// (lower row first on ties), `cutoff` in all.
std::vector<size_t> RowsByNorm(const ModelData& model, size_t cutoff) {
  const linalg::DenseMatrix& input = model.input;
  std::vector<float> norms(input.rows());
  for (size_t r = 0; r < input.rows(); ++r) norms[r] = linalg::Norm(input.Row(r), input.cols());
  auto eos = std::find(model.words.begin(), model.words.end(), kEndOfLine);
  if (eos != model.words.end()) norms[eos - model.words.begin()] = INFINITY;
  std::vector<size_t> order(input.rows());
  std::iota(order.begin(), order.end(), size_t{0});
  std::partial_sort(order.begin(), order.begin() + cutoff, order.end(),
                    [&](size_t a, size_t b) {
                      return norms[a] > norms[b] || (norms[a] == norms[b] && a < b);
                    });
  order.resize(cutoff);
  return order;
}

}  // namespace

absl::StatusOr<ModelData> PruneInputRows(const ModelData& model, size_t cutoff) {
  if (model.quantized()) {
    return absl::FailedPreconditionError("the classifier is already quantised");
  }
  ModelData pruned = CopyWithoutWeights(model);
  if (cutoff == 0 || cutoff >= model.input.rows()) {
    pruned.input = model.input;
    pruned.output = model.output;
    return pruned;
  }
  const size_t nwords = model.words.size();
  std::vector<size_t> keep = RowsByNorm(model, cutoff);
  std::vector<size_t> word_rows;
  std::vector<std::pair<uint32_t, size_t>> buckets;  // (bucket id, old row)
  for (size_t row : keep) {
    if (row < nwords) {
      word_rows.push_back(row);
    } else {
      const size_t b = row - nwords;
      buckets.emplace_back(model.dense_buckets ? static_cast<uint32_t>(b) : model.bucket_ids[b],
                           row);
    }
  }
  std::sort(word_rows.begin(), word_rows.end());
  std::sort(buckets.begin(), buckets.end());
  pruned.words.clear();
  pruned.word_hashes.clear();
  pruned.bucket_ids.clear();
  pruned.dense_buckets = false;
  const size_t dim = model.input.cols();
  pruned.input.Resize(cutoff, dim);
  size_t out_row = 0;
  for (size_t row : word_rows) {
    pruned.words.push_back(model.words[row]);
    pruned.word_hashes.push_back(model.word_hashes[row]);
    linalg::Copy(model.input.Row(row), pruned.input.Row(out_row++), dim);
  }
  for (const auto& [bucket, row] : buckets) {
    pruned.bucket_ids.push_back(bucket);
    linalg::Copy(model.input.Row(row), pruned.input.Row(out_row++), dim);
  }
  pruned.output = model.output;
  return pruned;
}

absl::StatusOr<ModelData> QuantizeModelData(const ModelData& model,
                                            const QuantizeOptions& options) {
  if (options.dsub < 1) {
    return absl::InvalidArgumentError(absl::StrCat("quantize: dsub must be >= 1, got ",
                                                   options.dsub));
  }
  WL_ASSIGN_OR_RETURN(ModelData q, PruneInputRows(model, options.cutoff));
  if (options.retrain_data != nullptr) {
    WL_RETURN_IF_ERROR(RetrainModelData(*options.retrain_data, options.retrain, &q, nullptr));
  }
  linalg::QuantizeOptions input_options;
  input_options.dsub = options.dsub;
  input_options.qnorm = options.qnorm;
  input_options.seed = options.seed;
  input_options.threads = options.threads;
  input_options.progress = options.progress;
  WL_ASSIGN_OR_RETURN(q.quant_input, linalg::QuantMatrix::Quantize(q.input, input_options));
  q.input = linalg::DenseMatrix();
  if (options.qout) {
    linalg::QuantizeOptions output_options = input_options;
    output_options.dsub = 2;  // as fastText
    WL_ASSIGN_OR_RETURN(q.quant_output, linalg::QuantMatrix::Quantize(q.output, output_options));
    q.output = linalg::DenseMatrix();
  }
  return q;
}

absl::StatusOr<std::unique_ptr<ClassifierModel>> QuantizeClassifier(
    const ClassifierModel& model, const QuantizeOptions& options) {
  WL_ASSIGN_OR_RETURN(ModelData q, QuantizeModelData(model.data(), options));
  return ClassifierModel::Create(std::move(q));
}

}  // namespace wordloom::embeddings::classifier
