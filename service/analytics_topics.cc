// Analytics::DetectTopics over topics/ (fold-in Gibbs inference against a
// trained LDA model, topics/inference.h). A TOPICS model is required.
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"
#include "topics/inference.h"

namespace wordloom::service {
namespace {

// More sweeps than this per call is a request for a training job.
constexpr int32_t kMaxInferenceIterations = 1000;

// TopicOptions (proto defaults: 3 topics, 10 terms each) as DetectOptions.
absl::StatusOr<topics::DetectOptions> DetectOptionsFrom(const v1::TopicOptions& o) {
  if (o.top_k() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.top_k is ", o.top_k(), "; it must be 0 (3 topics) or more"));
  }
  if (!(o.min_proportion() >= 0 && o.min_proportion() <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat("options.min_proportion is ",
                                                   o.min_proportion(), "; it must be in [0, 1]"));
  }
  if (o.iterations() < 0 || o.iterations() > kMaxInferenceIterations) {
    return absl::InvalidArgumentError(absl::StrCat("options.iterations is ", o.iterations(),
                                                   "; it must be in [0, ",
                                                   kMaxInferenceIterations, "]"));
  }
  topics::DetectOptions d;
  d.max_topics = o.top_k() == 0 ? 3 : static_cast<size_t>(o.top_k());
  d.min_proportion = o.min_proportion();
  d.terms_per_topic = o.top_terms() == 0 ? 10 : o.top_terms() < 0 ? 0 : o.top_terms();
  if (o.iterations() > 0) {
    d.inference.iterations = o.iterations();
    d.inference.burn_in = o.iterations() / 3;
  }
  if (o.seed() != 0) d.inference.seed = o.seed();
  return d;
}

}  // namespace

absl::Status Analytics::DetectTopics(const v1::DetectTopicsRequest& request,
                                     v1::DetectTopicsResponse* response) const {
  WL_RETURN_IF_ERROR(internal::CheckRequest(request.text(), kMaxTextBytes,
                                            request.language_code(), request.model_id()));
  WL_RETURN_IF_ERROR(internal::RequireModelId(request.model_id(), "TOPICS"));
  WL_ASSIGN_OR_RETURN(topics::DetectOptions options, DetectOptionsFrom(request.options()));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const topics::TopicInferencer> model,
                      registry_->GetAs<topics::TopicInferencer>(request.model_id(),
                                                                ModelKind::kTopics));
  WL_ASSIGN_OR_RETURN(topics::DetectedTopics detected,
                      model->DetectTopics(request.text(), options));
  for (const topics::DetectedTopic& t : detected.topics) {
    v1::TopicWeight* out = response->add_topics();
    out->set_topic(t.topic);
    out->set_proportion(static_cast<float>(t.proportion));
    for (const auto& [term, weight] : t.terms) {
      v1::TermWeight* tw = out->add_top_terms();
      tw->set_term(term);
      tw->set_weight(static_cast<float>(weight));
    }
  }
  return absl::OkStatus();
}

}  // namespace wordloom::service
