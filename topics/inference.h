// Topic inference for new documents (DetectTopics): fold-in collapsed Gibbs
// sampling against a fixed trained model. Each token's topic is drawn
// exactly from p(k) ∝ (n_dk + alpha_k) phi_kw, split SparseLDA-style into a
// prior bucket alpha_k phi_kw (a per-word alias table built once) and a
// document bucket over the document's non-zero topics, so the cost per token
// grows with the topics present in the document, not with K.
//
// Immutable after Create(); Infer* are const and thread-safe: concurrent
// calls on one TopicInferencer share only the read-only model.
//
//   WL_ASSIGN_OR_RETURN(auto inferencer, TopicInferencer::Create(model));
//   WL_ASSIGN_OR_RETURN(DetectedTopics t, inferencer->DetectTopics(text, {}));
#ifndef WORDLOOM_TOPICS_INFERENCE_H_
#define WORDLOOM_TOPICS_INFERENCE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/text/tokenizer.h"
#include "topics/lda_model.h"

namespace wordloom::topics {

struct InferenceOptions {
  // Gibbs sweeps over the document, of which the first `burn_in` are
  // discarded; the rest are averaged.
  int32_t iterations = 30;
  int32_t burn_in = 10;
  // The result is a deterministic function of (document, seed).
  uint64_t seed = 1;
};

struct DetectOptions {
  InferenceOptions inference;
  // Report at most this many topics, with proportion >= min_proportion.
  size_t max_topics = 5;
  double min_proportion = 0.01;
  // Top terms listed per reported topic.
  size_t terms_per_topic = 10;
};

struct DetectedTopic {
  int32_t topic = 0;
  double proportion = 0;
  std::vector<std::pair<std::string, double>> terms;  // (term, p(term | topic))
};

struct DetectedTopics {
  std::vector<DetectedTopic> topics;  // by descending proportion
  int64_t known_tokens = 0;           // tokens found in the model vocabulary
};

class TopicInferencer {
 public:
  // InvalidArgument when the options are invalid; NotFound for the model's
  // stopword language missing from this build.
  static absl::StatusOr<std::unique_ptr<TopicInferencer>> Create(
      std::shared_ptr<const LdaModel> model);

  // Topic proportions theta (K values summing to 1) of a document given as
  // term ids (< vocab size; others are ignored). A document without known
  // tokens gets the prior alpha / sum(alpha).
  std::vector<double> InferIds(std::span<const int32_t> ids, const InferenceOptions& options) const;

  // Tokenizes `text` as the model was trained (TopicTextOptions) and looks
  // the terms up; unknown terms are skipped.
  absl::StatusOr<std::vector<int32_t>> TextToIds(std::string_view text) const;

  // TextToIds + InferIds + the top topics with their top terms.
  absl::StatusOr<DetectedTopics> DetectTopics(std::string_view text,
                                              const DetectOptions& options) const;
  DetectedTopics Describe(const std::vector<double>& theta, const DetectOptions& options) const;

  const LdaModel& model() const { return *model_; }

 private:
  TopicInferencer(std::shared_ptr<const LdaModel> model, std::unique_ptr<nlp::Tokenizer> tokenizer);
  void BuildPriorTables();

  std::shared_ptr<const LdaModel> model_;
  std::unique_ptr<nlp::Tokenizer> tokenizer_;
  // Per word w: alias table over k of alpha_k phi_kw (K entries at w*K) and
  // its total mass.
  std::vector<float> prior_prob_;
  std::vector<int32_t> prior_alias_;
  std::vector<double> prior_mass_;
};

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_INFERENCE_H_
