#include "embeddings/classifier/sgd_epoch.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "core/thread_pool.h"

namespace wordloom::embeddings::classifier {
namespace {

constexpr size_t kControlEvery = 4096;  // examples between stop checks
// Tokens a thread processes between publishing its count to the shared
// progress (fastText's -lrUpdateRate default).
constexpr uint64_t kLrUpdateTokens = 100;

}  // namespace

void InitEpochState(const EpochPlan& plan, size_t dim, size_t labels, uint64_t seed,
                    EpochState* state) {
  state->order.resize(plan.set->size());
  std::iota(state->order.begin(), state->order.end(), 0u);
  std::mt19937_64 shuffle_rng(seed);
  std::shuffle(state->order.begin(), state->order.end(), shuffle_rng);
  state->states.clear();
  for (size_t t = 0; t < plan.threads; ++t) {
    state->states.emplace_back(dim, labels, seed * 1000003 + t + 1);
  }
  state->tokens_done.store(0);
  state->stopped.store(StopRequested(plan.control));
}

void RunSgdEpoch(const EpochPlan& plan, EpochState* state, ModelData* model) {
  const TrainingSet& set = *plan.set;
  const size_t n = state->order.size();
  const size_t threads = plan.threads;
  const double total = static_cast<double>(plan.epochs) * static_cast<double>(set.total_tokens);
  std::vector<uint32_t>& order = state->order;
  ParallelFor(threads, threads, [&](size_t begin, size_t end, size_t) {
    for (size_t t = begin; t < end; ++t) {
      SgdState& sgd = state->states[t];
      size_t lo = n * t / threads, hi = n * (t + 1) / threads;
      std::shuffle(order.begin() + lo, order.begin() + hi, sgd.rng);
      uint64_t local = 0;
      for (size_t j = lo; j < hi; ++j) {
        double progress =
            static_cast<double>(state->tokens_done.load(std::memory_order_relaxed)) / total;
        if (plan.control != nullptr && (j - lo) % kControlEvery == kControlEvery - 1) {
          if (StopRequested(plan.control)) state->stopped.store(true, std::memory_order_relaxed);
          if (t == 0) ReportProgress(plan.control, std::min(progress, 1.0));
        }
        if (state->stopped.load(std::memory_order_relaxed)) return;
        float lr = plan.lr * static_cast<float>(1.0 - std::min(progress, 1.0));
        uint32_t ex = order[j];
        const uint64_t f0 = set.feature_offsets[ex], f1 = set.feature_offsets[ex + 1];
        const uint64_t l0 = set.label_offsets[ex], l1 = set.label_offsets[ex + 1];
        SgdUpdate(*plan.context, set.features.data() + f0, f1 - f0, set.labels.data() + l0,
                  l1 - l0, lr, &model->input, &model->output, &sgd);
        local += set.tokens[ex];
        if (local > kLrUpdateTokens) {
          state->tokens_done.fetch_add(local, std::memory_order_relaxed);
          local = 0;
        }
      }
      state->tokens_done.fetch_add(local, std::memory_order_relaxed);
    }
  });
}

}  // namespace wordloom::embeddings::classifier
