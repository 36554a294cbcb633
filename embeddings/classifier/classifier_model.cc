#include "embeddings/classifier/classifier_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/linalg/activation_tables.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::classifier {
namespace {

// fastText's std_log: scores are log(p + 1e-5), printed as exp(score).
inline float StdLog(float x) { return std::log(x + 1e-5f); }

// fastText's Loss::sigmoid: a truncating lookup in a 512-entry table over
// [-8, 8] (linalg::FastSigmoid interpolates, which is more accurate but
// differs from what `fasttext predict-prob` prints by up to 0.008).
float FastTextSigmoid(float x) {
  constexpr int kSize = 512;
  constexpr float kMax = 8.0f;
  static const auto table = [] {
    std::array<float, kSize + 1> t{};
    for (int i = 0; i <= kSize; ++i) {
      float v = static_cast<float>(i * 2 * kMax) / kSize - kMax;
      t[i] = static_cast<float>(1.0 / (1.0 + std::exp(-v)));
    }
    return t;
  }();
  if (!(x >= -kMax)) return 0.0f;  // NaN too
  if (x > kMax) return 1.0f;
  return table[static_cast<int64_t>((x + kMax) * kSize / kMax / 2)];
}

// Min-heap on score so the worst of the k best is at front (as fastText).
inline bool HeapGreater(const std::pair<float, int32_t>& a, const std::pair<float, int32_t>& b) {
  return a.first > b.first;
}

void PushBounded(std::pair<float, int32_t> item, size_t k,
                 std::vector<std::pair<float, int32_t>>* heap) {
  heap->push_back(item);
  std::push_heap(heap->begin(), heap->end(), HeapGreater);
  if (heap->size() > k) {
    std::pop_heap(heap->begin(), heap->end(), HeapGreater);
    heap->pop_back();
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<ClassifierModel>> ClassifierModel::Create(ModelData data) {
  const size_t dim = data.output_cols();
  if (data.labels.empty()) return absl::InvalidArgumentError("classifier: model has no labels");
  if (data.label_counts.size() != data.labels.size()) {
    return absl::InvalidArgumentError("classifier: label counts do not match labels");
  }
  if (dim == 0 || data.input_cols() != dim) {
    return absl::InvalidArgumentError(absl::StrCat("classifier: input dim ", data.input_cols(),
                                                   " != output dim ", dim));
  }
  size_t bucket_rows = data.dense_buckets ? data.buckets : data.bucket_ids.size();
  if (data.input_rows() != data.words.size() + bucket_rows) {
    return absl::InvalidArgumentError(absl::StrCat(
        "classifier: input has ", data.input_rows(), " rows, expected ",
        data.words.size() + bucket_rows));
  }
  size_t out_rows = data.loss == LossKind::kHierarchicalSoftmax ? data.labels.size() - 1
                                                                 : data.labels.size();
  if (data.output_rows() < out_rows) {
    return absl::InvalidArgumentError(absl::StrCat("classifier: output has ", data.output_rows(),
                                                   " rows, expected ", out_rows));
  }
  if (data.word_ngrams < 1) return absl::InvalidArgumentError("classifier: word_ngrams < 1");
  auto model = std::unique_ptr<ClassifierModel>(new ClassifierModel(std::move(data)));
  WL_ASSIGN_OR_RETURN(model->featurizer_, Featurizer::Create(model->data_));
  if (model->data_.loss == LossKind::kHierarchicalSoftmax) {
    model->tree_ = std::make_unique<HuffmanTree>(model->data_.label_counts);
  }
  for (size_t i = 0; i < model->data_.labels.size(); ++i) {
    model->label_ids_.emplace(model->data_.labels[i], static_cast<int32_t>(i));
  }
  return model;
}

std::optional<int32_t> ClassifierModel::FindLabel(std::string_view name) const {
  auto it = label_ids_.find(name);
  if (it == label_ids_.end()) return std::nullopt;
  return it->second;
}

void ClassifierModel::ComputeHidden(const std::vector<int32_t>& rows, float* hidden) const {
  if (data_.quant_input) return ComputeHiddenQuantized(rows, hidden);
  data_.input.MeanOfRows(rows.data(), rows.size(), hidden);
}

void ClassifierModel::TopKFromProbabilities(const float* probs, int k, float threshold,
                                            std::vector<std::pair<float, int32_t>>* heap) const {
  const size_t kk = static_cast<size_t>(k);
  for (int32_t i = 0; i < num_labels(); ++i) {
    if (probs[i] < threshold) continue;
    float score = StdLog(probs[i]);
    if (heap->size() == kk && score < heap->front().first) continue;
    PushBounded({score, i}, kk, heap);
  }
}

void ClassifierModel::HierarchicalDfs(int k, float threshold, int32_t node, float score,
                                      const float* hidden,
                                      std::vector<std::pair<float, int32_t>>* heap) const {
  if (score < StdLog(threshold)) return;
  const size_t kk = static_cast<size_t>(k);
  if (heap->size() == kk && score < heap->front().first) return;
  const HuffmanTree::Node& n = tree_->node(node);
  if (n.left == -1 && n.right == -1) {
    PushBounded({score, node}, kk, heap);
    return;
  }
  float f = OutputDot(node - tree_->num_leaves(), hidden);
  f = 1.0f / (1.0f + std::exp(-f));
  HierarchicalDfs(k, threshold, n.left, score + StdLog(1.0f - f), hidden, heap);
  HierarchicalDfs(k, threshold, n.right, score + StdLog(f), hidden, heap);
}

void ClassifierModel::PredictRows(const std::vector<int32_t>& rows, int k, float threshold,
                                  PredictScratch* scratch, std::vector<Prediction>* out) const {
  out->clear();
  if (rows.empty()) return;
  if (k <= 0 || k > num_labels()) k = num_labels();
  const size_t dim = static_cast<size_t>(data_.dim());
  scratch->hidden.resize(dim);
  ComputeHidden(rows, scratch->hidden.data());
  auto& heap = scratch->heap;
  heap.clear();
  if (data_.loss == LossKind::kHierarchicalSoftmax) {
    HierarchicalDfs(k, threshold, tree_->root(), 0.0f, scratch->hidden.data(), &heap);
  } else {
    scratch->output.resize(num_labels());
    float* probs = scratch->output.data();
    for (int32_t i = 0; i < num_labels(); ++i) {
      probs[i] = OutputDot(i, scratch->hidden.data());
    }
    if (data_.loss == LossKind::kSoftmax) {
      linalg::Softmax(probs, num_labels());
    } else {
      // fastText's BinaryLogisticLoss::computeOutput uses the table sigmoid
      // (the one training uses); so must we to match `fasttext predict-prob`.
      for (int32_t i = 0; i < num_labels(); ++i) {
        probs[i] = data_.fasttext_sigmoid ? FastTextSigmoid(probs[i])
                                          : linalg::FastSigmoid(probs[i]);
      }
    }
    TopKFromProbabilities(probs, k, threshold, &heap);
  }
  std::sort_heap(heap.begin(), heap.end(), HeapGreater);
  for (const auto& [score, label] : heap) out->push_back({label, std::exp(score)});
}

void ClassifierModel::Predict(std::string_view text, int k, float threshold,
                              PredictScratch* scratch, std::vector<Prediction>* out) const {
  featurizer_->Featurize(text, &scratch->features, &scratch->rows);
  PredictRows(scratch->rows, k, threshold, scratch, out);
}

std::vector<Prediction> ClassifierModel::Predict(std::string_view text, int k,
                                                 float threshold) const {
  PredictScratch scratch;
  std::vector<Prediction> out;
  Predict(text, k, threshold, &scratch, &out);
  return out;
}

}  // namespace wordloom::embeddings::classifier
