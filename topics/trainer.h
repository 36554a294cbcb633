// LDA training by collapsed Gibbs sampling with an O(1)-per-token
// Metropolis-Hastings sampler (LightLDA / WarpLDA style).
//
// Each token alternates a doc proposal q(k) ∝ n_dk + alpha_k (a random other
// token's topic, or a draw from alpha) and a word proposal q(k) ∝ n_wk + beta_w
// (a random topic among the word's tokens, or a uniform topic); each proposal
// is accepted with the MH ratio against the collapsed conditional
// p(k) ∝ (n_dk + alpha_k)(n_wk + beta_w)/(n_k + sum beta). No step touches
// all K topics, so the cost per token does not grow with K.
//
// Threads and determinism: documents are split into token-balanced blocks,
// one per thread. Document-topic counts are exact (a document belongs to
// one thread). Topic-word and topic counts are frozen for the duration of
// an iteration (the delayed-update scheme of WarpLDA / AD-LDA): every thread
// reads the counts of the iteration start, minus the token's own old
// assignment, and the changes are applied after all threads finish. Random
// numbers come from a generator seeded by (seed, iteration, document), so
// the result depends only on the seed — not even on the thread count.
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
  // MH cycles (doc proposal + word proposal) per token and iteration.
  int32_t mh_steps = 2;
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
  // `on_iteration(done)` after each.
  absl::Status Train(const std::function<void(int32_t)>& on_iteration = {});

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
  void SampleDocument(size_t doc, bool collect, ThreadState& state);
  void ApplyDeltas(std::vector<ThreadState>& states);
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
  std::vector<int32_t> z_;             // token -> topic
  std::vector<int32_t> z_old_;         // z at the start of the iteration
  std::vector<int64_t> word_offsets_;  // V + 1, into word_pos_ order
  std::vector<uint32_t> word_pos_;     // token -> slot in word-major order
  std::vector<int32_t> word_topic_;    // word-major snapshot of z_old_
  std::vector<int32_t> n_wk_;          // V x K, frozen during an iteration
  std::vector<int64_t> n_k_;           // K
  int32_t iteration_ = 0;
  double seconds_ = 0;
};

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_TRAINER_H_
