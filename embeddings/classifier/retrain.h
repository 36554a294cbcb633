// Fine-tunes an already trained dense classifier on labelled data with its
// vocabulary, n-gram rows and labels fixed: what fastText's `quantize
// -retrain` does after -cutoff pruning, so the kept rows (and the output
// matrix) adapt to the words and n-grams that lost their rows.
//
// Words without a row are unknown (they only take part in word n-grams, as
// at prediction); n-grams without a row add nothing; labels the model does
// not know are ignored, and an example left without a known label is
// skipped. Training is the trainer's: Hogwild SGD on all threads, the
// model's loss, lr decaying linearly to 0 over `epochs`.
//
// A pure function of its arguments apart from the Hogwild updates of the
// model it is given; do not share that model with other threads meanwhile.
//
//   WL_ASSIGN_OR_RETURN(ModelData pruned, PruneInputRows(model.data(), 100000));
//   WL_RETURN_IF_ERROR(RetrainModelData(train, {.epochs = 5}, &pruned, nullptr));
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_RETRAIN_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_RETRAIN_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "core/work_control.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/model_data.h"

namespace wordloom::embeddings::classifier {

struct RetrainOptions {
  int32_t epochs = 5;   // passes over the data (fastText's quantize -epoch)
  float lr = 0.05f;     // initial learning rate (fastText quantize -lr default)
  size_t threads = 0;   // 0 = all cores
  uint64_t seed = 1;    // example order and per-thread sampling
  const WorkControl* control = nullptr;  // optional progress and stop
};

struct RetrainReport {
  size_t examples = 0;               // examples trained on
  size_t skipped_unknown_label = 0;  // examples with no label of the model
};

// Retrains `model` in place. InvalidArgument for epochs < 1, lr <= 0 or no
// example with a known label; FailedPrecondition for a quantised model;
// Cancelled when `control` asks to stop (the model is then part-trained).
absl::Status RetrainModelData(const LabeledData& train, const RetrainOptions& options,
                              ModelData* model, RetrainReport* report);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_RETRAIN_H_
