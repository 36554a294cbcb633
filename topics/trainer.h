// LDA training by collapsed Gibbs sampling with an O(1)-per-token
// Metropolis-Hastings sampler in the WarpLDA scheme (Chen et al. 2016).
//
// An iteration is a document phase (tokens visited document by document)
// followed by a word phase (tokens visited word by word). Each phase accepts
// or rejects the proposals drawn at the end of the other phase and then draws
// new ones:
//  - the document phase evaluates word proposals q(k) ∝ n_wk + beta_w (a
//    random token of the word, or a uniform topic) and draws document
//    proposals q(k) ∝ n_dk + alpha_k (a random token of the document, or a
//    draw from alpha);
//  - the word phase evaluates the document proposals and draws word proposals.
// The target is the collapsed conditional
// p(k) ∝ (n_dk + alpha_k)(n_wk + beta_w)/(n_k + sum beta). In each phase the
// counts of the visited document (or word) are exact and live; the other
// side's counts are those the proposals were drawn from, so their factor
// cancels in the MH ratio except for the token's own count, which is kept
// per token. Topic totals n_k are frozen during a phase (delayed update, as
// WarpLDA / AD-LDA) and updated between phases. Every access is sequential or
// within one document's or word's counts (a per-thread K-array touched only
// where tokens are), so the cost per token does not grow with K.
//
// Threads and determinism: documents (document phase) and words (word phase)
// are split into token-balanced blocks, one per thread; a token is written
// only by the thread owning its document or word in that phase. Random
// numbers come from a generator seeded by (seed, iteration, phase, document
// or word), so the result depends only on the seed — not on the thread count.
//
// Not thread-safe; one trainer is driven by one caller thread.
#ifndef WORDLOOM_TOPICS_TRAINER_H_
#define WORDLOOM_TOPICS_TRAINER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/work_control.h"
#include "topics/alias_table.h"
#include "topics/corpus.h"
#include "topics/lda_model.h"

namespace wordloom::topics {

struct TrainerOptions {
  // K, the number of topics: 1 <= K <= vocabulary size.
  int32_t num_topics = 20;
  // Symmetric document-topic prior per topic, unless `alpha_vector` (K
  // values) is given.
  double alpha = 0.1;
  std::vector<double> alpha_vector = {};
  // Symmetric topic-word prior per word, unless `beta_vector` (V values).
  double beta = 0.01;
  std::vector<double> beta_vector = {};
  // Gibbs iterations (sweeps over the corpus).
  int32_t iterations = 200;
  // MH steps per token in each phase (document proposals, then word
  // proposals) and iteration.
  int32_t mh_steps = 4;
  // Worker threads (0 = all cores).
  size_t threads = 0;
  uint64_t seed = 1;
  // Minka fixed-point optimisation of an asymmetric alpha, every
  // `optimize_interval` iterations after `optimize_burn_in`.
  bool optimize_alpha = false;
  int32_t optimize_interval = 10;
  int32_t optimize_burn_in = 50;
  // Recount everything after each iteration and fail on any mismatch.
#ifdef NDEBUG
  bool check_invariants = false;
#else
  bool check_invariants = true;
#endif
};

class LdaTrainer {
 public:
  // Copies the corpus' documents. InvalidArgument for an empty corpus, no
  // tokens, K = 0, K > vocabulary size, bad priors or option values;
  // ResourceExhausted for more than 2^31 tokens.
  static absl::StatusOr<std::unique_ptr<LdaTrainer>> Create(const Corpus& corpus,
                                                            const TrainerOptions& options);

  // One Gibbs iteration over all documents. Internal when invariant
  // checking is on and the counts are inconsistent.
  absl::Status Iterate();
  // Runs the remaining iterations of options.iterations, calling
  // `on_iteration(done)` after each. `control` (optional) gets the fraction
  // of iterations done and is polled before each iteration; when it asks to
  // stop, Train returns Cancelled and the state is that of the last whole
  // iteration (Train may be called again to continue).
  absl::Status Train(const std::function<void(int32_t)>& on_iteration = {},
                     const WorkControl* control = nullptr);

  // theta_d = (n_dk + alpha_k) / (L_d + sum alpha); the prior for an empty doc.
  std::vector<double> DocTopics(size_t doc) const;
  // The model of the current state (vocabulary copied from the corpus).
  absl::StatusOr<std::unique_ptr<LdaModel>> MakeModel(const nlp::Vocabulary& vocab,
                                                      const TopicTextOptions& text) const;
  // Recounts topic-word and topic totals from the assignments; Internal on
  // any mismatch or negative count.
  absl::Status CheckInvariants() const;

  int32_t iterations_done() const { return iteration_; }
  const std::vector<double>& alpha() const { return alpha_; }
  int64_t num_tokens() const { return static_cast<int64_t>(words_.size()); }
  double seconds() const { return seconds_; }

 private:
  struct ThreadState;
  LdaTrainer(const TrainerOptions& options, int32_t vocab_size);
  void Layout(const Corpus& corpus);
  void Initialize();
  // Topic of the token at word-major slot `slot`.
  int32_t& SlotTopic(size_t slot) { return slots_[slot * stride_]; }
  int32_t SlotTopic(size_t slot) const { return slots_[slot * stride_]; }
  void DocPhase(size_t doc, bool collect, ThreadState& state);
  void WordPhase(int32_t word, ThreadState& state);
  void DrawWordProposals(int32_t word, ThreadState& state, Rng& rng);
  void InitialWordProposals();
  std::vector<ThreadState> MakeThreadStates(bool collect) const;
  void ApplyTopicDeltas(std::vector<ThreadState>& states);
  void UpdateInverseTotals();
  void OptimizeAlpha(std::vector<ThreadState>& states);
  void SetAlpha(std::vector<double> alpha);

  TrainerOptions options_;
  int32_t k_;
  int32_t v_;
  size_t threads_;
  std::vector<double> alpha_;
  double alpha_sum_ = 0;
  bool alpha_symmetric_ = true;
  AliasTable alpha_table_;
  std::vector<double> beta_;
  double beta_sum_ = 0;

  std::vector<int32_t> words_;         // token -> word, documents back to back
  std::vector<int64_t> doc_offsets_;   // D + 1
  std::vector<size_t> thread_docs_;    // threads + 1 document boundaries
  std::vector<int64_t> word_offsets_;  // V + 1, into word-major slots
  std::vector<int32_t> thread_words_;  // threads + 1 word boundaries
  std::vector<uint32_t> word_pos_;     // token -> its word-major slot
  // Per slot, `stride_` int32s: topic, the count the other phase needs
  // (n_dk or n_wk of the token's topic when the proposals were drawn), then
  // mh_steps pending proposals.
  size_t stride_ = 0;
  std::vector<int32_t> slots_;
  std::vector<int64_t> n_k_;           // K, frozen during a phase
  std::vector<double> inv_totals_;     // K: 1 / (n_k + sum beta)
  int32_t iteration_ = 0;
  double seconds_ = 0;
};

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_TRAINER_H_
