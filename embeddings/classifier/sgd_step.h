// One SGD update of the supervised model for one example (fastText's
// Model::update with its Loss::forward): hidden = mean of input rows, loss
// gradient into the output rows and into `grad`, then grad / |rows| added to
// every input row.
//
// Hogwild: many threads call Update() on the same matrices without locks.
// Races on individual floats are accepted by design (sparse updates rarely
// collide and SGD tolerates the noise); each thread owns its SgdState.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_SGD_STEP_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_SGD_STEP_H_

#include <cstdint>
#include <random>
#include <vector>

#include "embeddings/classifier/huffman_tree.h"
#include "embeddings/classifier/model_data.h"
#include "embeddings/linalg/dense_matrix.h"

namespace wordloom::embeddings::classifier {

// Shared, read-only context of one training run.
struct SgdContext {
  LossKind loss = LossKind::kSoftmax;
  int32_t negatives = 5;
  const HuffmanTree* tree = nullptr;          // hs only
  const std::vector<int32_t>* negative_table = nullptr;  // ns only
};

// Per-thread mutable state.
struct SgdState {
  SgdState(size_t dim, size_t labels, uint64_t seed)
      : hidden(dim), grad(dim), output(labels), rng(static_cast<uint32_t>(seed)) {}
  std::vector<float> hidden;
  std::vector<float> grad;
  std::vector<float> output;
  std::minstd_rand rng;
  size_t negative_pos = 0;
  double loss_sum = 0.0;
  uint64_t loss_count = 0;
};

// Updates `input` and `output` for the example with input `rows[0..num_rows)`
// and gold `labels[0..num_labels)` at learning rate `lr`. Non-ova losses
// train on one gold label drawn uniformly (as fastText).
void SgdUpdate(const SgdContext& context, const int32_t* rows, size_t num_rows,
               const int32_t* labels, size_t num_labels, float lr, linalg::DenseMatrix* input,
               linalg::DenseMatrix* output, SgdState* state);

// fastText's negative table over labels: label i appears ~sqrt(count_i)
// times, shuffled with `seed`.
std::vector<int32_t> BuildNegativeTable(const std::vector<int64_t>& counts, uint64_t seed);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_SGD_STEP_H_
