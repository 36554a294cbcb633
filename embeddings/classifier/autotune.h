// Hyper-parameter search for the supervised classifier against a validation
// set within a time budget (fastText's -autotune-validation): learning rate,
// epochs, word n-gram length and dimension. The first trial is the caller's
// options; later trials either perturb the best configuration so far
// (log-normal steps) or sample the whole range, with a fixed seed.
//
// Thread-compatible; each trial trains on options.threads threads.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_AUTOTUNE_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_AUTOTUNE_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "embeddings/classifier/classifier_model.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/trainer.h"

namespace wordloom::embeddings::classifier {

struct AutotuneOptions {
  double duration_seconds = 300.0;  // no trial starts after this much time
  int32_t max_trials = 1000;        // hard cap on trials
  uint64_t seed = 1;                // search randomness
};

struct AutotuneReport {
  int32_t trials = 0;
  TrainerOptions best;        // options of the returned model
  double best_f1 = -1.0;      // micro F1 of the top label on the validation set
};

// Trains trials until the budget is spent and returns the model of the best
// validation micro F1 (top-1 prediction). Errors as TrainClassifier.
absl::StatusOr<std::unique_ptr<ClassifierModel>> AutotuneClassifier(
    const LabeledData& train, const LabeledData& validation, const TrainerOptions& base,
    const AutotuneOptions& options, AutotuneReport* report);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_AUTOTUNE_H_
