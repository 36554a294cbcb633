// A trained LDA topic model: vocabulary, hyperparameters, topic-word counts
// and training statistics, plus the derived topic-word probabilities
// phi[k][w] = (n_kw + beta_w) / (n_k + sum(beta)).
//
// Immutable after Create(); safe to share across threads as
// std::shared_ptr<const LdaModel>.
#ifndef WORDLOOM_TOPICS_LDA_MODEL_H_
#define WORDLOOM_TOPICS_LDA_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/text/vocabulary.h"
#include "topics/topic_text.h"

namespace wordloom::topics {

// One (topic, count) entry of a word's sparse topic counts.
struct TopicCount {
  int32_t topic = 0;
  int32_t count = 0;
  bool operator==(const TopicCount&) const = default;
};

struct TrainingStats {
  int32_t iterations = 0;
  int32_t threads = 0;
  uint64_t seed = 0;
  int64_t documents = 0;
  int64_t tokens = 0;
  double seconds = 0;
};

struct LdaModelData {
  nlp::Vocabulary vocab;
  // alpha[k], k < K (K = alpha.size()); all > 0.
  std::vector<double> alpha;
  // beta[w], w < V; all > 0 (all equal for a symmetric prior).
  std::vector<double> beta;
  // word_topics[w]: the non-zero counts n_kw of word w, by ascending topic.
  std::vector<std::vector<TopicCount>> word_topics;
  TopicTextOptions text;
  TrainingStats stats;
};

struct TermWeight {
  int32_t term = 0;
  double weight = 0;
};

class LdaModel {
 public:
  // Checks shapes and values: InvalidArgument when K = 0, sizes disagree,
  // a hyperparameter is not positive and finite, or a count is out of range.
  static absl::StatusOr<std::unique_ptr<LdaModel>> Create(LdaModelData data);

  int32_t num_topics() const { return static_cast<int32_t>(data_.alpha.size()); }
  int32_t vocab_size() const { return static_cast<int32_t>(data_.vocab.size()); }
  const LdaModelData& data() const { return data_; }
  const nlp::Vocabulary& vocab() const { return data_.vocab; }
  const std::vector<double>& alpha() const { return data_.alpha; }
  double alpha_sum() const { return alpha_sum_; }

  // p(w | k) for all k: a row of num_topics() floats.
  const float* WordRow(int32_t w) const { return &phi_[static_cast<size_t>(w) * num_topics()]; }
  double Phi(int32_t k, int32_t w) const { return WordRow(w)[k]; }
  // Total count of topic k.
  int64_t TopicTotal(int32_t k) const { return topic_totals_[k]; }

  // The `n` most probable terms of topic k with p(w|k), best first (n is
  // capped at the vocabulary size and at kMaxTopTerms).
  std::vector<TermWeight> TopTerms(int32_t k, size_t n) const;
  static constexpr size_t kMaxTopTerms = 50;

 private:
  explicit LdaModel(LdaModelData data) : data_(std::move(data)) {}
  void Derive();

  LdaModelData data_;
  double alpha_sum_ = 0;
  std::vector<int64_t> topic_totals_;
  std::vector<float> phi_;  // V x K, word-major
  std::vector<std::vector<TermWeight>> top_terms_;
};

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_LDA_MODEL_H_
