// A loaded supervised text classifier (fastText-style linear model): text ->
// mean of input rows -> label scores through softmax, hierarchical softmax,
// or independent sigmoids (negative sampling / one-vs-all).
//
// Immutable after Create(); Predict() is thread-safe — share one model as
// std::shared_ptr<const ClassifierModel> and give each thread its own
// PredictScratch (or use the allocating overload).
//
//   WL_ASSIGN_OR_RETURN(auto model, LoadClassifier("model.wlm"));
//   for (const auto& p : model->Predict("what is a dog ?", /*k=*/2))
//     std::cout << model->label(p.label) << " " << p.probability;
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_CLASSIFIER_MODEL_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_CLASSIFIER_MODEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "embeddings/classifier/featurizer.h"
#include "embeddings/classifier/huffman_tree.h"
#include "embeddings/classifier/model_data.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::classifier {

struct Prediction {
  int32_t label = 0;        // index into ClassifierModel::label()
  float probability = 0.0f;  // as `fasttext predict-prob` prints it
};

// Per-thread buffers for prediction.
struct PredictScratch {
  FeatureScratch features;
  std::vector<int32_t> rows;
  std::vector<float> hidden;
  std::vector<float> output;
  std::vector<std::pair<float, int32_t>> heap;
};

class ClassifierModel {
 public:
  // Validates shapes (InvalidArgument naming the mismatch) and builds the
  // lookup tables. Takes ownership of the weights.
  static absl::StatusOr<std::unique_ptr<ClassifierModel>> Create(ModelData data);

  // Top-k labels with probability >= threshold, best first. A text with no
  // known feature yields no predictions (as fastText). k <= 0 means all.
  void Predict(std::string_view text, int k, float threshold, PredictScratch* scratch,
               std::vector<Prediction>* out) const;
  std::vector<Prediction> Predict(std::string_view text, int k = 1, float threshold = 0.0f) const;

  // As Predict() on precomputed input rows (from featurizer()).
  void PredictRows(const std::vector<int32_t>& rows, int k, float threshold,
                   PredictScratch* scratch, std::vector<Prediction>* out) const;

  int32_t num_labels() const { return static_cast<int32_t>(data_.labels.size()); }
  const std::string& label(int32_t i) const { return data_.labels[i]; }
  // Label index by name (without prefix), or nullopt.
  std::optional<int32_t> FindLabel(std::string_view name) const;
  const ModelData& data() const { return data_; }
  const Featurizer& featurizer() const { return *featurizer_; }

 private:
  explicit ClassifierModel(ModelData data) : data_(std::move(data)) {}
  void ComputeHidden(const std::vector<int32_t>& rows, float* hidden) const;
  // Quantised models (quantized_predict.cc): the hidden vector summed through
  // the input codebooks, and output scores through the output codebooks.
  void ComputeHiddenQuantized(const std::vector<int32_t>& rows, float* hidden) const;
  float QuantizedOutputDot(int32_t row, const float* hidden) const;
  // Output row `row` . hidden (dense or quantised output weights).
  float OutputDot(int32_t row, const float* hidden) const {
    if (data_.quant_output) return QuantizedOutputDot(row, hidden);
    return linalg::Dot(data_.output.Row(row), hidden, data_.output.cols());
  }
  void TopKFromProbabilities(const float* probs, int k, float threshold,
                             std::vector<std::pair<float, int32_t>>* heap) const;
  void HierarchicalDfs(int k, float threshold, int32_t node, float score, const float* hidden,
                       std::vector<std::pair<float, int32_t>>* heap) const;

  ModelData data_;
  std::unique_ptr<Featurizer> featurizer_;
  std::unique_ptr<HuffmanTree> tree_;  // hierarchical softmax only
  StringMap<int32_t> label_ids_;
};

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_CLASSIFIER_MODEL_H_
