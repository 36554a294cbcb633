// The Gibbs iteration of LdaTrainer (WarpLDA scheme, see trainer.h): the
// document phase, the word phase, the delayed topic-total update and alpha
// optimisation.
#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "topics/alpha_optimizer.h"
#include "topics/random.h"
#include "topics/trainer.h"

namespace wordloom::topics {
namespace {

constexpr uint64_t kDocPhase = 0x632be59bd9b4e019ULL;
constexpr uint64_t kWordPhase = 0x8cb92ba72f3d8dd7ULL;

// MH acceptance of the ratio num / den = p(t) q(s) / (p(s) q(t)), without
// dividing.
inline bool Accept(double num, double den, Rng& rng) { return num >= den || rng.Uniform() * den < num; }

}  // namespace

struct LdaTrainer::ThreadState {
  std::vector<int32_t> counts;       // K, all zero between documents / words
  std::vector<int32_t> doc_topics;   // the current document's topics
  std::vector<int64_t> topic_delta;  // K: change of n_k in this phase
  std::vector<std::vector<int64_t>> topic_hist;  // for alpha optimisation
  std::vector<int64_t> length_hist;
};

std::vector<LdaTrainer::ThreadState> LdaTrainer::MakeThreadStates(bool collect) const {
  std::vector<ThreadState> states(threads_);
  for (ThreadState& state : states) {
    state.counts.assign(k_, 0);
    state.topic_delta.assign(k_, 0);
    if (collect) state.topic_hist.resize(k_);
  }
  return states;
}

// Word proposals for every token of `word`, drawn from q(k) ∝ n_wk + beta_w
// where state.counts holds n_wk; records n_wk of each token's topic and
// clears state.counts.
void LdaTrainer::DrawWordProposals(int32_t word, ThreadState& state, Rng& rng) {
  const int64_t begin = word_offsets_[word], end = word_offsets_[word + 1];
  const uint32_t cw = static_cast<uint32_t>(end - begin), k = static_cast<uint32_t>(k_);
  const double token_share = cw / (cw + k * beta_[word]);
  const int32_t steps = options_.mh_steps;
  for (int64_t slot = begin; slot < end; ++slot) {
    int32_t* rec = &slots_[slot * stride_];
    rec[1] = state.counts[rec[0]];
    for (int32_t j = 0; j < steps; ++j) {
      rec[2 + j] = rng.Uniform() < token_share ? SlotTopic(begin + rng.Below(cw))
                                               : static_cast<int32_t>(rng.Below(k));
    }
  }
  for (int64_t slot = begin; slot < end; ++slot) state.counts[SlotTopic(slot)] = 0;
}

void LdaTrainer::InitialWordProposals() {
  std::vector<ThreadState> states = MakeThreadStates(false);
  ParallelFor(threads_, threads_, [&](size_t begin, size_t end, size_t) {
    for (size_t t = begin; t < end; ++t) {
      for (int32_t w = thread_words_[t]; w < thread_words_[t + 1]; ++w) {
        for (int64_t slot = word_offsets_[w]; slot < word_offsets_[w + 1]; ++slot) ++states[t].counts[SlotTopic(slot)];
        Rng rng(MixSeed(options_.seed + kWordPhase) ^ MixSeed(w));
        DrawWordProposals(w, states[t], rng);
      }
    }
  });
}

// Document phase for one document: accepts or rejects each token's word
// proposals against the live n_dk, then draws its document proposals.
void LdaTrainer::DocPhase(size_t doc, bool collect, ThreadState& state) {
  const int64_t begin = doc_offsets_[doc], end = doc_offsets_[doc + 1];
  const uint32_t len = static_cast<uint32_t>(end - begin);
  if (len == 0) return;
  Rng rng(MixSeed(options_.seed + kDocPhase * (iteration_ + 1)) ^ MixSeed(doc));
  int32_t* ndk = state.counts.data();
  std::vector<int32_t>& z = state.doc_topics;
  z.resize(len);
  for (uint32_t i = 0; i < len; ++i) ++ndk[z[i] = SlotTopic(word_pos_[begin + i])];
  const int32_t steps = options_.mh_steps;
  for (uint32_t i = 0; i < len; ++i) {
    int32_t* rec = &slots_[word_pos_[begin + i] * stride_];
    const int32_t o = z[i];
    const double bw = beta_[words_[begin + i]];
    // p/q of topic x but for the doc factor: the word factor cancels except
    // for the token's own count at o.
    const double own = (rec[1] - 1 + bw) / ((rec[1] + bw) * (static_cast<double>(n_k_[o] - 1) + beta_sum_));
    auto rest = [&](int32_t x) { return x == o ? own : inv_totals_[x]; };
    int32_t s = o;
    --ndk[s];
    for (int32_t j = 0; j < steps; ++j) {
      const int32_t t = rec[2 + j];
      if (t != s && Accept((ndk[t] + alpha_[t]) * rest(t), (ndk[s] + alpha_[s]) * rest(s), rng)) s = t;
    }
    ++ndk[s];
    if (s != o) {
      --state.topic_delta[o];
      ++state.topic_delta[s];
      z[i] = s;
      rec[0] = s;
    }
  }
  // Document proposals from q(k) ∝ n_dk + alpha_k (this document's final counts).
  const double token_share = len / (len + alpha_sum_);
  for (uint32_t i = 0; i < len; ++i) {
    int32_t* rec = &slots_[word_pos_[begin + i] * stride_];
    rec[1] = ndk[z[i]];
    for (int32_t j = 0; j < steps; ++j) {
      rec[2 + j] = rng.Uniform() < token_share ? z[rng.Below(len)]
                   : alpha_symmetric_          ? static_cast<int32_t>(rng.Below(static_cast<uint32_t>(k_)))
                                               : alpha_table_.Sample(rng);
    }
  }
  // Clear the counts (recording them for alpha optimisation).
  for (uint32_t i = 0; i < len; ++i) {
    const int32_t t = z[i];
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

// Word phase for one word: accepts or rejects each token's document
// proposals against the live n_wk, then draws its word proposals.
void LdaTrainer::WordPhase(int32_t word, ThreadState& state) {
  const int64_t begin = word_offsets_[word], end = word_offsets_[word + 1];
  if (begin == end) return;
  Rng rng(MixSeed(options_.seed + kWordPhase * (iteration_ + 1)) ^ MixSeed(word));
  int32_t* nwk = state.counts.data();
  for (int64_t slot = begin; slot < end; ++slot) ++nwk[SlotTopic(slot)];
  const double bw = beta_[word];
  const int32_t steps = options_.mh_steps;
  for (int64_t slot = begin; slot < end; ++slot) {
    int32_t* rec = &slots_[slot * stride_];
    const int32_t o = rec[0];
    // p/q of topic x but for the word factor: the doc factor cancels except
    // for the token's own count at o.
    const double own =
        (rec[1] - 1 + alpha_[o]) / ((rec[1] + alpha_[o]) * (static_cast<double>(n_k_[o] - 1) + beta_sum_));
    auto rest = [&](int32_t x) { return x == o ? own : inv_totals_[x]; };
    int32_t s = o;
    --nwk[s];
    for (int32_t j = 0; j < steps; ++j) {
      const int32_t t = rec[2 + j];
      if (t != s && Accept((nwk[t] + bw) * rest(t), (nwk[s] + bw) * rest(s), rng)) s = t;
    }
    ++nwk[s];
    if (s != o) {
      --state.topic_delta[o];
      ++state.topic_delta[s];
      rec[0] = s;
    }
  }
  DrawWordProposals(word, state, rng);
}

// Applies a phase's changes to the frozen topic totals.
void LdaTrainer::ApplyTopicDeltas(std::vector<ThreadState>& states) {
  for (ThreadState& state : states) {
    for (int32_t t = 0; t < k_; ++t) n_k_[t] += state.topic_delta[t];
    std::fill(state.topic_delta.begin(), state.topic_delta.end(), 0);
  }
  UpdateInverseTotals();
}

void LdaTrainer::UpdateInverseTotals() {
  inv_totals_.resize(k_);
  for (int32_t t = 0; t < k_; ++t) inv_totals_[t] = 1.0 / (static_cast<double>(n_k_[t]) + beta_sum_);
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
  const bool collect = options_.optimize_alpha && iteration_ + 1 > options_.optimize_burn_in &&
                       (iteration_ + 1) % options_.optimize_interval == 0;
  std::vector<ThreadState> states = MakeThreadStates(collect);
  if (inv_totals_.empty()) UpdateInverseTotals();
  ParallelFor(threads_, threads_, [&](size_t begin, size_t end, size_t) {
    for (size_t t = begin; t < end; ++t) {
      for (size_t d = thread_docs_[t]; d < thread_docs_[t + 1]; ++d) DocPhase(d, collect, states[t]);
    }
  });
  ApplyTopicDeltas(states);
  ParallelFor(threads_, threads_, [&](size_t begin, size_t end, size_t) {
    for (size_t t = begin; t < end; ++t) {
      for (int32_t w = thread_words_[t]; w < thread_words_[t + 1]; ++w) WordPhase(w, states[t]);
    }
  });
  ApplyTopicDeltas(states);
  // Alpha changes after the word phase has used the document proposals drawn
  // under the old alpha; the next document phase draws under the new one.
  if (collect) OptimizeAlpha(states);
  ++iteration_;
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options_.check_invariants) WL_RETURN_IF_ERROR(CheckInvariants());
  return absl::OkStatus();
}

absl::Status LdaTrainer::Train(const std::function<void(int32_t)>& on_iteration,
                               const WorkControl* control) {
  while (iteration_ < options_.iterations) {
    if (StopRequested(control)) {
      return StoppedError("LDA training", absl::StrCat("after ", iteration_, " of ",
                                                       options_.iterations, " iterations"));
    }
    WL_RETURN_IF_ERROR(Iterate());
    if (on_iteration) on_iteration(iteration_);
    ReportProgress(control, static_cast<double>(iteration_) / options_.iterations);
  }
  return absl::OkStatus();
}

}  // namespace wordloom::topics
