// One epoch of Hogwild SGD over a TrainingSet (fastText's trainThread): the
// loop shared by the trainer and by quantize's retraining.
//
// Each thread takes its fixed contiguous share of `order`, reshuffles it and
// applies SgdUpdate to every example. The learning rate decays linearly to 0
// with the share of all tokens processed by all threads together (fastText's
// schedule, published every 100 tokens): one shared, monotone schedule
// however the OS interleaves the threads. Hogwild: threads write the shared
// matrices without locks (see sgd_step.h); each thread owns its SgdState.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_SGD_EPOCH_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_SGD_EPOCH_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "core/work_control.h"
#include "embeddings/classifier/model_data.h"
#include "embeddings/classifier/sgd_step.h"
#include "embeddings/classifier/training_set.h"

namespace wordloom::embeddings::classifier {

// Read-only inputs of all epochs of one run.
struct EpochPlan {
  const TrainingSet* set = nullptr;
  const SgdContext* context = nullptr;
  float lr = 0.1f;      // initial learning rate
  int32_t epochs = 5;   // epochs of the whole run (for the lr schedule)
  size_t threads = 1;   // == states->size()
  const WorkControl* control = nullptr;  // optional
};

// Mutable state carried from epoch to epoch.
struct EpochState {
  std::vector<uint32_t> order;      // example order, reshuffled per share
  std::vector<SgdState> states;     // one per thread
  std::atomic<uint64_t> tokens_done{0};
  std::atomic<bool> stopped{false};
};

// Sets up `state` for `plan`: the examples in an order shuffled with `seed`
// and one SgdState per thread (seeds derived from `seed` and the thread).
void InitEpochState(const EpochPlan& plan, size_t dim, size_t labels, uint64_t seed,
                    EpochState* state);

// Runs one epoch. Every few thousand examples a thread polls plan.control
// (thread 0 also reports progress); a stop request ends the epoch early and
// sets state->stopped.
void RunSgdEpoch(const EpochPlan& plan, EpochState* state, ModelData* model);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_SGD_EPOCH_H_
