#include "topics/inference.h"

#include <algorithm>
#include <numeric>

#include "core/status_macros.h"
#include "topics/alias_table.h"
#include "topics/random.h"

namespace wordloom::topics {
namespace {

// The document's topic counts with the list of non-zero topics, for O(1)
// updates and iteration over present topics only. Per call, not shared.
class SparseCounts {
 public:
  explicit SparseCounts(int32_t k) : count_(k, 0), where_(k, -1) {}
  void Add(int32_t t) {
    if (count_[t]++ == 0) {
      where_[t] = static_cast<int32_t>(present_.size());
      present_.push_back(t);
    }
  }
  void Remove(int32_t t) {
    if (--count_[t] == 0) {
      const int32_t last = present_.back();
      present_[where_[t]] = last;
      where_[last] = where_[t];
      present_.pop_back();
    }
  }
  int32_t operator[](int32_t t) const { return count_[t]; }
  const std::vector<int32_t>& present() const { return present_; }

 private:
  std::vector<int32_t> count_;
  std::vector<int32_t> where_;
  std::vector<int32_t> present_;
};

}  // namespace

TopicInferencer::TopicInferencer(std::shared_ptr<const LdaModel> model,
                                 std::unique_ptr<nlp::Tokenizer> tokenizer)
    : model_(std::move(model)), tokenizer_(std::move(tokenizer)) {}

absl::StatusOr<std::unique_ptr<TopicInferencer>> TopicInferencer::Create(
    std::shared_ptr<const LdaModel> model) {
  if (model == nullptr) return absl::InvalidArgumentError("no model");
  WL_ASSIGN_OR_RETURN(auto tokenizer, MakeTopicTokenizer(model->data().text));
  auto inferencer =
      std::unique_ptr<TopicInferencer>(new TopicInferencer(std::move(model), std::move(tokenizer)));
  inferencer->BuildPriorTables();
  return inferencer;
}

void TopicInferencer::BuildPriorTables() {
  const int32_t k = model_->num_topics(), v = model_->vocab_size();
  prior_prob_.resize(static_cast<size_t>(v) * k);
  prior_alias_.resize(static_cast<size_t>(v) * k);
  prior_mass_.resize(v);
  std::vector<double> weights(k);
  for (int32_t w = 0; w < v; ++w) {
    const float* phi = model_->WordRow(w);
    for (int32_t t = 0; t < k; ++t) weights[t] = model_->alpha()[t] * phi[t];
    const size_t at = static_cast<size_t>(w) * k;
    prior_mass_[w] = BuildAlias(weights.data(), k, &prior_prob_[at], &prior_alias_[at]);
  }
}

std::vector<double> TopicInferencer::InferIds(std::span<const int32_t> ids,
                                              const InferenceOptions& options) const {
  const int32_t k = model_->num_topics(), v = model_->vocab_size();
  const std::vector<double>& alpha = model_->alpha();
  std::vector<int32_t> words;
  for (int32_t id : ids) {
    if (id >= 0 && id < v) words.push_back(id);
  }
  std::vector<double> theta(k);
  if (words.empty()) {
    for (int32_t t = 0; t < k; ++t) theta[t] = alpha[t] / model_->alpha_sum();
    return theta;
  }
  Rng rng(options.seed ^ MixSeed(words.size()));
  SparseCounts counts(k);
  std::vector<int32_t> z(words.size());
  std::vector<double> cumulative;
  auto draw_prior = [&](int32_t w) {
    const size_t at = static_cast<size_t>(w) * k;
    const uint32_t i = rng.Below(static_cast<uint32_t>(k));
    return rng.Uniform() < prior_prob_[at + i] ? static_cast<int32_t>(i) : prior_alias_[at + i];
  };
  for (size_t i = 0; i < words.size(); ++i) counts.Add(z[i] = draw_prior(words[i]));
  const int32_t iterations = std::max(1, options.iterations);
  const int32_t burn_in = std::clamp(options.burn_in, 0, iterations - 1);
  for (int32_t it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < words.size(); ++i) {
      const int32_t w = words[i];
      counts.Remove(z[i]);
      const float* phi = model_->WordRow(w);
      const auto& present = counts.present();
      cumulative.resize(present.size());
      double doc_mass = 0;
      for (size_t j = 0; j < present.size(); ++j) {
        doc_mass += counts[present[j]] * static_cast<double>(phi[present[j]]);
        cumulative[j] = doc_mass;
      }
      const double u = rng.Uniform() * (doc_mass + prior_mass_[w]);
      int32_t t;
      if (u < doc_mass) {
        t = present[std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin()];
      } else {
        t = draw_prior(w);
      }
      counts.Add(z[i] = t);
    }
    if (it >= burn_in) {
      for (int32_t t : counts.present()) theta[t] += counts[t];
    }
  }
  const double samples = iterations - burn_in;
  const double norm = words.size() + model_->alpha_sum();
  for (int32_t t = 0; t < k; ++t) theta[t] = (theta[t] / samples + alpha[t]) / norm;
  return theta;
}

absl::StatusOr<std::vector<int32_t>> TopicInferencer::TextToIds(std::string_view text) const {
  nlp::TokenizedDoc doc;
  WL_RETURN_IF_ERROR(tokenizer_->TokenizeInto(text, &doc));
  std::vector<int32_t> ids;
  for (const nlp::Token& token : doc.tokens) {
    if (!KeepToken(token, model_->data().text)) continue;
    const int32_t id = model_->vocab().Find(doc.Normalized(token));
    if (id != nlp::Vocabulary::kNotFound) ids.push_back(id);
  }
  return ids;
}

DetectedTopics TopicInferencer::Describe(const std::vector<double>& theta,
                                         const DetectOptions& options) const {
  std::vector<int32_t> order(theta.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return theta[a] > theta[b]; });
  DetectedTopics result;
  for (int32_t t : order) {
    if (result.topics.size() >= options.max_topics || theta[t] < options.min_proportion) break;
    DetectedTopic topic{.topic = t, .proportion = theta[t], .terms = {}};
    for (const TermWeight& tw : model_->TopTerms(t, options.terms_per_topic)) {
      topic.terms.emplace_back(model_->vocab().Term(tw.term), tw.weight);
    }
    result.topics.push_back(std::move(topic));
  }
  return result;
}

absl::StatusOr<DetectedTopics> TopicInferencer::DetectTopics(std::string_view text,
                                                             const DetectOptions& options) const {
  WL_ASSIGN_OR_RETURN(std::vector<int32_t> ids, TextToIds(text));
  DetectedTopics result = Describe(InferIds(ids, options.inference), options);
  result.known_tokens = static_cast<int64_t>(ids.size());
  return result;
}

}  // namespace wordloom::topics
