// Compresses a trained classifier as fastText's `quantize` does: optionally
// keep only the `cutoff` input rows of largest norm (the end-of-line row
// always stays; dropped words become unknown, dropped n-gram buckets have no
// row), then product-quantise the input matrix (dsub values per subspace,
// 256 centroids each, k-means with a fixed seed), optionally with quantised
// row norms (qnorm) and a quantised output matrix (qout, dsub 2). With
// retraining data (fastText's -retrain), the pruned model is fine-tuned on it
// before quantisation (see retrain.h). fastText retrains only when -cutoff
// drops rows; wordloom whenever asked, because its models hold only the
// n-gram rows seen in training, so a cutoff that prunes fastText's 2M-bucket
// matrix (e.g. 100000) often keeps all of a wordloom model's rows.
//
// Pure functions over immutable models; thread-safe.
//
//   QuantizeOptions options;
//   options.cutoff = 100000;
//   WL_ASSIGN_OR_RETURN(auto small, QuantizeClassifier(*model, options));
//   WL_RETURN_IF_ERROR(SaveClassifier(*small, "model.q.wlm"));
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_QUANTIZE_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_QUANTIZE_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "core/progress.h"
#include "embeddings/classifier/classifier_model.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/model_data.h"
#include "embeddings/classifier/retrain.h"

namespace wordloom::embeddings::classifier {

struct QuantizeOptions {
  int32_t dsub = 2;     // input values per subspace (fastText's -dsub)
  bool qnorm = false;   // quantise row norms separately (-qnorm)
  bool qout = false;    // quantise the output matrix too (-qout; dsub 2)
  size_t cutoff = 0;    // keep this many input rows, by norm (-cutoff; 0: all)
  uint64_t seed = 1234; // k-means sampling and initialisation
  size_t threads = 0;   // 0 = all cores
  ProgressReporter* progress = nullptr;  // k-means progress, in subspaces
  // -retrain: when non-null, fine-tune the pruned model on these examples
  // with `retrain` before quantising.
  const LabeledData* retrain_data = nullptr;
  RetrainOptions retrain;
};

// The model restricted to its `cutoff` input rows of largest L2 norm (plus
// the end-of-line row): kept words in their old order, kept n-gram buckets
// in the compact layout, sorted. A copy of the model when cutoff is 0 or not
// below the row count. FailedPrecondition for an already quantised model.
absl::StatusOr<ModelData> PruneInputRows(const ModelData& model, size_t cutoff);

// PruneInputRows, retraining when options.retrain_data is set, then quantisation as
// described above. InvalidArgument for dsub < 1 (and RetrainModelData's
// errors); FailedPrecondition for an already quantised model.
absl::StatusOr<ModelData> QuantizeModelData(const ModelData& model,
                                            const QuantizeOptions& options);
absl::StatusOr<std::unique_ptr<ClassifierModel>> QuantizeClassifier(
    const ClassifierModel& model, const QuantizeOptions& options);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_QUANTIZE_H_
