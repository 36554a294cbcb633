#include "embeddings/classifier/sgd_step.h"

#include <algorithm>
#include <cmath>

#include "embeddings/linalg/activation_tables.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::classifier {
namespace {

using linalg::DenseMatrix;

// Logistic loss on output row `row` with target `label` (0/1); accumulates
// the input gradient and updates the row (fastText BinaryLogisticLoss).
float BinaryLogistic(int32_t row, bool label, float lr, DenseMatrix* output, SgdState* state) {
  const size_t dim = state->hidden.size();
  float* w = output->Row(row);
  float score = linalg::FastSigmoid(linalg::Dot(w, state->hidden.data(), dim));
  float alpha = lr * ((label ? 1.0f : 0.0f) - score);
  linalg::Axpy(alpha, w, state->grad.data(), dim);
  linalg::Axpy(alpha, state->hidden.data(), w, dim);
  return label ? -linalg::FastLog(score) : -linalg::FastLog(1.0f - score);
}

float SoftmaxForward(int32_t target, float lr, DenseMatrix* output, SgdState* state) {
  const size_t dim = state->hidden.size();
  const size_t n = state->output.size();
  float* out = state->output.data();
  for (size_t i = 0; i < n; ++i) out[i] = linalg::Dot(output->Row(i), state->hidden.data(), dim);
  linalg::Softmax(out, n);
  for (size_t i = 0; i < n; ++i) {
    float label = static_cast<int32_t>(i) == target ? 1.0f : 0.0f;
    float alpha = lr * (label - out[i]);
    float* w = output->Row(i);
    linalg::Axpy(alpha, w, state->grad.data(), dim);
    linalg::Axpy(alpha, state->hidden.data(), w, dim);
  }
  return -std::log(out[target] + 1e-5f);
}

int32_t NextNegative(const SgdContext& context, int32_t target, SgdState* state) {
  const auto& table = *context.negative_table;
  for (size_t tries = 0; tries < table.size(); ++tries) {
    int32_t candidate = table[state->negative_pos];
    state->negative_pos = (state->negative_pos + 1) % table.size();
    if (candidate != target) return candidate;
  }
  return -1;  // a single label: no negative exists
}

float Forward(const SgdContext& context, const int32_t* labels, size_t num_labels, float lr,
              DenseMatrix* output, SgdState* state) {
  if (context.loss == LossKind::kOneVsAll) {
    float loss = 0.0f;
    const int32_t n = static_cast<int32_t>(state->output.size());
    for (int32_t i = 0; i < n; ++i) {
      bool match = std::find(labels, labels + num_labels, i) != labels + num_labels;
      loss += BinaryLogistic(i, match, lr, output, state);
    }
    return loss;
  }
  std::uniform_int_distribution<size_t> pick(0, num_labels - 1);
  const int32_t target = labels[num_labels == 1 ? 0 : pick(state->rng)];
  switch (context.loss) {
    case LossKind::kSoftmax:
      return SoftmaxForward(target, lr, output, state);
    case LossKind::kHierarchicalSoftmax: {
      float loss = 0.0f;
      const auto& path = context.tree->path(target);
      const auto& code = context.tree->code(target);
      for (size_t i = 0; i < path.size(); ++i) {
        loss += BinaryLogistic(path[i], code[i] != 0, lr, output, state);
      }
      return loss;
    }
    default: {
      float loss = BinaryLogistic(target, true, lr, output, state);
      for (int32_t i = 0; i < context.negatives; ++i) {
        int32_t negative = NextNegative(context, target, state);
        if (negative < 0) break;
        loss += BinaryLogistic(negative, false, lr, output, state);
      }
      return loss;
    }
  }
}

}  // namespace

void SgdUpdate(const SgdContext& context, const int32_t* rows, size_t num_rows,
               const int32_t* labels, size_t num_labels, float lr, DenseMatrix* input,
               DenseMatrix* output, SgdState* state) {
  if (num_rows == 0 || num_labels == 0) return;
  const size_t dim = state->hidden.size();
  float* hidden = state->hidden.data();
  input->MeanOfRows(rows, num_rows, hidden);
  linalg::Zero(state->grad.data(), dim);
  state->loss_sum += Forward(context, labels, num_labels, lr, output, state);
  ++state->loss_count;
  linalg::Scale(1.0f / static_cast<float>(num_rows), state->grad.data(), dim);
  for (size_t i = 0; i < num_rows; ++i) {
    linalg::Axpy(1.0f, state->grad.data(), input->Row(rows[i]), dim);
  }
}

std::vector<int32_t> BuildNegativeTable(const std::vector<int64_t>& counts, uint64_t seed) {
  constexpr double kTableSize = 100000.0;
  double z = 0.0;
  for (int64_t c : counts) z += std::sqrt(static_cast<double>(c));
  std::vector<int32_t> table;
  for (size_t i = 0; i < counts.size(); ++i) {
    double share = std::sqrt(static_cast<double>(counts[i])) * kTableSize / z;
    for (size_t j = 0; j < static_cast<size_t>(share) + 1; ++j) {
      table.push_back(static_cast<int32_t>(i));
    }
  }
  std::minstd_rand rng(static_cast<uint32_t>(seed));
  std::shuffle(table.begin(), table.end(), rng);
  return table;
}

}  // namespace wordloom::embeddings::classifier
