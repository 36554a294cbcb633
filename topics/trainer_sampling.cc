// The Gibbs iteration of LdaTrainer: MH sampling per document, the delayed
// count update and alpha optimisation.
#include <algorithm>
#include <atomic>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "topics/alpha_optimizer.h"
#include "topics/random.h"
#include "topics/trainer.h"

namespace wordloom::topics {

struct LdaTrainer::ThreadState {
  std::vector<int32_t> doc_counts;   // K, all zero between documents
  std::vector<int64_t> topic_delta;  // K: change of n_k this iteration
  std::vector<std::vector<int64_t>> topic_hist;  // for alpha optimisation
  std::vector<int64_t> length_hist;
};

void LdaTrainer::SampleDocument(size_t doc, bool collect, ThreadState& state) {
  const int64_t begin = doc_offsets_[doc], end = doc_offsets_[doc + 1];
  const uint32_t len = static_cast<uint32_t>(end - begin);
  if (len == 0) return;
  Rng rng(MixSeed(options_.seed + 0x632be59bd9b4e019ULL * (iteration_ + 1)) ^ MixSeed(doc));
  int32_t* ndk = state.doc_counts.data();
  for (int64_t i = begin; i < end; ++i) ++ndk[z_[i]];
  const uint32_t k = static_cast<uint32_t>(k_);
  for (int64_t i = begin; i < end; ++i) {
    const int32_t w = words_[i], o = z_old_[i];
    int32_t s = z_[i];
    --ndk[s];
    const int32_t* nw = &n_wk_[static_cast<size_t>(w) * k_];
    const double bw = beta_[w];
    // Counts without this token (the frozen counts hold it at topic o).
    auto word_minus = [&](int32_t t) { return nw[t] - (t == o) + bw; };
    auto topic_minus = [&](int32_t t) { return static_cast<double>(n_k_[t] - (t == o)) + beta_sum_; };
    const int64_t wbegin = word_offsets_[w];
    const uint32_t cw = static_cast<uint32_t>(word_offsets_[w + 1] - wbegin);
    for (int32_t step = 0; step < options_.mh_steps; ++step) {
      // Doc proposal: q(t) ∝ n_dk^-i + alpha_t; the doc factors cancel.
      int32_t t;
      if (rng.Uniform() * (len - 1 + alpha_sum_) < len - 1) {
        uint32_t j = rng.Below(len - 1);
        if (j >= static_cast<uint32_t>(i - begin)) ++j;
        t = z_[begin + j];
      } else {
        t = alpha_symmetric_ ? static_cast<int32_t>(rng.Below(k)) : alpha_table_.Sample(rng);
      }
      if (t != s) {
        const double ratio = word_minus(t) * topic_minus(s) / (word_minus(s) * topic_minus(t));
        if (ratio >= 1 || rng.Uniform() < ratio) s = t;
      }
      // Word proposal: q(t) ∝ n_wt + beta_w (frozen counts, this token included).
      if (rng.Uniform() * (cw + k * bw) < cw) {
        t = word_topic_[wbegin + rng.Below(cw)];
      } else {
        t = static_cast<int32_t>(rng.Below(k));
      }
      if (t != s) {
        const double ratio = (ndk[t] + alpha_[t]) * word_minus(t) * topic_minus(s) * (nw[s] + bw) /
                             ((ndk[s] + alpha_[s]) * word_minus(s) * topic_minus(t) * (nw[t] + bw));
        if (ratio >= 1 || rng.Uniform() < ratio) s = t;
      }
    }
    z_[i] = s;
    ++ndk[s];
  }
  // Clear the scratch counts (recording them for alpha optimisation).
  for (int64_t i = begin; i < end; ++i) {
    const int32_t t = z_[i];
    if (ndk[t] == 0) continue;
    if (collect) {
      auto& hist = state.topic_hist[t];
      if (hist.size() <= static_cast<size_t>(ndk[t])) hist.resize(ndk[t] + 1, 0);
      ++hist[ndk[t]];
    }
    ndk[t] = 0;
  }
  if (collect) {
    if (state.length_hist.size() <= len) state.length_hist.resize(len + 1, 0);
    ++state.length_hist[len];
  }
}

// Applies the iteration's changes to the frozen counts. Integer additions
// commute, so the result does not depend on thread timing.
void LdaTrainer::ApplyDeltas(std::vector<ThreadState>& states) {
  const size_t n = words_.size();
  ParallelFor(n, threads_, [&](size_t begin, size_t end, size_t thread) {
    std::vector<int64_t>& delta = states[thread].topic_delta;
    std::fill(delta.begin(), delta.end(), 0);
    for (size_t i = begin; i < end; ++i) {
      const int32_t o = z_old_[i], s = z_[i];
      if (o == s) continue;
      const size_t row = static_cast<size_t>(words_[i]) * k_;
      std::atomic_ref<int32_t>(n_wk_[row + o]).fetch_sub(1, std::memory_order_relaxed);
      std::atomic_ref<int32_t>(n_wk_[row + s]).fetch_add(1, std::memory_order_relaxed);
      --delta[o];
      ++delta[s];
    }
  });
  for (const ThreadState& state : states) {
    for (int32_t t = 0; t < k_; ++t) n_k_[t] += state.topic_delta[t];
  }
}

void LdaTrainer::OptimizeAlpha(std::vector<ThreadState>& states) {
  std::vector<std::vector<int64_t>> topic_hist(k_);
  std::vector<int64_t> length_hist;
  for (const ThreadState& state : states) {
    for (int32_t t = 0; t < k_; ++t) {
      const auto& h = state.topic_hist[t];
      if (topic_hist[t].size() < h.size()) topic_hist[t].resize(h.size(), 0);
      for (size_t i = 0; i < h.size(); ++i) topic_hist[t][i] += h[i];
    }
    if (length_hist.size() < state.length_hist.size()) length_hist.resize(state.length_hist.size(), 0);
    for (size_t i = 0; i < state.length_hist.size(); ++i) length_hist[i] += state.length_hist[i];
  }
  SetAlpha(OptimizeAlphaMinka(alpha_, topic_hist, length_hist));
}

absl::Status LdaTrainer::Iterate() {
  const auto start = std::chrono::steady_clock::now();
  const size_t n = words_.size();
  ParallelFor(n, threads_, [&](size_t begin, size_t end, size_t) {
    std::copy(z_.begin() + begin, z_.begin() + end, z_old_.begin() + begin);
    for (size_t i = begin; i < end; ++i) word_topic_[word_pos_[i]] = z_[i];
  });
  const bool collect = options_.optimize_alpha && iteration_ + 1 > options_.optimize_burn_in &&
                       (iteration_ + 1) % options_.optimize_interval == 0;
  std::vector<ThreadState> states(threads_);
  for (ThreadState& state : states) {
    state.doc_counts.assign(k_, 0);
    state.topic_delta.assign(k_, 0);
    if (collect) state.topic_hist.resize(k_);
  }
  ParallelFor(threads_, threads_, [&](size_t begin, size_t end, size_t) {
    for (size_t t = begin; t < end; ++t) {
      for (size_t d = thread_docs_[t]; d < thread_docs_[t + 1]; ++d) SampleDocument(d, collect, states[t]);
    }
  });
  ApplyDeltas(states);
  if (collect) OptimizeAlpha(states);
  ++iteration_;
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options_.check_invariants) WL_RETURN_IF_ERROR(CheckInvariants());
  return absl::OkStatus();
}

absl::Status LdaTrainer::Train(const std::function<void(int32_t)>& on_iteration) {
  while (iteration_ < options_.iterations) {
    WL_RETURN_IF_ERROR(Iterate());
    if (on_iteration) on_iteration(iteration_);
  }
  return absl::OkStatus();
}

}  // namespace wordloom::topics
