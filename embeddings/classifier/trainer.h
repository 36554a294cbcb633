// Trains a supervised classifier (fastText's supervised mode): hidden =
// mean of the example's input rows; output through softmax, hierarchical
// softmax, negative sampling or one-vs-all; plain SGD with a learning rate
// decaying linearly to 0 with the tokens processed by all threads together
// (fastText's schedule); Hogwild updates on all threads; examples shuffled
// (a fixed seed) so label-sorted inputs train well; optional early stopping
// on a validation set.
//
//   TrainerOptions options;
//   options.epochs = 10;
//   WL_ASSIGN_OR_RETURN(auto model, TrainClassifier(train, nullptr, options, nullptr));
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_TRAINER_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_TRAINER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "core/work_control.h"
#include "embeddings/classifier/classifier_model.h"
#include "embeddings/classifier/labeled_data.h"

namespace wordloom::embeddings::classifier {

struct TrainerOptions {
  int32_t dim = 100;             // embedding size
  int32_t epochs = 5;            // passes over the data
  float lr = 0.1f;               // initial learning rate
  int32_t word_ngrams = 1;       // max word n-gram length (1 = unigrams)
  uint64_t buckets = 2000000;    // n-gram hash buckets (< 2^31)
  int32_t min_count = 1;         // minimal word count for a unigram row
  LossKind loss = LossKind::kSoftmax;
  int32_t negatives = 5;         // negatives per example (ns)
  TokenizerMode tokenizer = TokenizerMode::kNlp;
  size_t threads = 0;            // 0 = all cores
  uint64_t seed = 1;             // shuffling, initialisation, sampling
  // Early stopping: with a validation set, stop after this many epochs
  // without a better precision@1 and keep the best epoch's weights.
  int32_t patience = 2;
  // Optional pretrained word vectors (dimension `dim`), a `.vec` file or a
  // wordloom word-vectors `.wlm`: their words join the vocabulary and their
  // rows start from these vectors.
  std::string pretrained_vectors;
};

struct TrainingReport {
  size_t examples = 0;           // training examples used
  size_t words = 0;              // vocabulary size
  size_t bucket_rows = 0;        // distinct n-gram buckets seen
  int32_t epochs_run = 0;
  int32_t best_epoch = 0;        // 1-based; epochs_run when no validation
  double best_validation_precision = -1.0;  // precision@1, -1 without validation
  double seconds = 0.0;
};

// Trains on `train`, early-stopping on `validation` when non-null.
// InvalidArgument for bad options (named) or an empty training set.
// `control` (optional) receives the fraction of epochs done and is polled
// every few thousand examples per thread; when it asks to stop, training
// returns Cancelled (naming the epoch) and no model.
absl::StatusOr<std::unique_ptr<ClassifierModel>> TrainClassifier(const LabeledData& train,
                                                                 const LabeledData* validation,
                                                                 const TrainerOptions& options,
                                                                 TrainingReport* report,
                                                                 const WorkControl* control = nullptr);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_TRAINER_H_
