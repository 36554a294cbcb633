#include "embeddings/classifier/autotune.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <utility>

#include "core/status_macros.h"
#include "embeddings/classifier/metrics.h"

namespace wordloom::embeddings::classifier {
namespace {

constexpr int32_t kDims[] = {10, 25, 50, 100, 200};

template <typename T>
T Clamp(T v, T lo, T hi) {
  return std::min(hi, std::max(lo, v));
}

// A configuration near `best` (prob. 3/4) or anywhere in the range.
TrainerOptions Sample(const TrainerOptions& best, std::mt19937_64& rng) {
  TrainerOptions o = best;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> step(0.0, 0.5);
  if (unit(rng) < 0.75) {
    o.lr = Clamp(static_cast<float>(best.lr * std::exp(step(rng))), 0.01f, 5.0f);
    o.epochs = Clamp(static_cast<int32_t>(std::lround(best.epochs * std::exp(step(rng)))), 1, 100);
    if (unit(rng) < 0.3) o.word_ngrams = Clamp(best.word_ngrams + (unit(rng) < 0.5 ? -1 : 1), 1, 3);
    if (unit(rng) < 0.3) o.dim = kDims[rng() % std::size(kDims)];
  } else {
    o.lr = static_cast<float>(std::exp(std::log(0.01) + unit(rng) * std::log(500.0)));
    o.epochs = 1 + static_cast<int32_t>(rng() % 100);
    o.word_ngrams = 1 + static_cast<int32_t>(rng() % 3);
    o.dim = kDims[rng() % std::size(kDims)];
  }
  return o;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ClassifierModel>> AutotuneClassifier(
    const LabeledData& train, const LabeledData& validation, const TrainerOptions& base,
    const AutotuneOptions& options, AutotuneReport* report) {
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::mt19937_64 rng(options.seed);
  AutotuneReport local;
  std::unique_ptr<ClassifierModel> best_model;
  TrainerOptions trial = base;
  while (local.trials < std::max(1, options.max_trials) &&
         (local.trials == 0 || elapsed() < options.duration_seconds)) {
    if (local.trials > 0) trial = Sample(local.best, rng);
    WL_ASSIGN_OR_RETURN(auto model, TrainClassifier(train, nullptr, trial, nullptr));
    EvaluationOptions eval;
    eval.threads = base.threads;
    double f1 = Evaluate(*model, validation, eval).micro_f1;
    ++local.trials;
    if (f1 > local.best_f1) {
      local.best_f1 = f1;
      local.best = trial;
      best_model = std::move(model);
    }
  }
  if (report != nullptr) *report = local;
  return best_model;
}

}  // namespace wordloom::embeddings::classifier
