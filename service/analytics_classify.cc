// Analytics::ClassifyText over embeddings/classifier (fastText-style
// supervised model). A CLASSIFIER model is required. One-vs-all models
// answer in `labels` (independent), the others in `classes` (exclusive), as
// Comprehend's ClassifyDocument does for multi-label and multi-class models.
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/classifier/classifier_model.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

absl::Status CheckClassifyOptions(const v1::ClassifyOptions& o) {
  if (o.top_k() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.top_k is ", o.top_k(), "; it must be 0 (one label) or more"));
  }
  if (!(o.threshold() >= 0 && o.threshold() <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.threshold is ", o.threshold(), "; it must be in [0, 1]"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Analytics::ClassifyText(const v1::ClassifyTextRequest& request,
                                     v1::ClassifyTextResponse* response) const {
  WL_RETURN_IF_ERROR(internal::CheckRequest(request.text(), kMaxTextBytes,
                                            request.language_code(), request.model_id()));
  WL_RETURN_IF_ERROR(internal::RequireModelId(request.model_id(), "CLASSIFIER"));
  WL_RETURN_IF_ERROR(CheckClassifyOptions(request.options()));
  using embeddings::classifier::ClassifierModel;
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const ClassifierModel> model,
                      registry_->GetAs<ClassifierModel>(request.model_id(),
                                                        ModelKind::kClassifier));
  const int k = request.options().top_k() == 0 ? 1 : request.options().top_k();
  const std::vector<embeddings::classifier::Prediction> predictions =
      model->Predict(request.text(), k, request.options().threshold());
  const bool independent = model->data().loss == embeddings::classifier::LossKind::kOneVsAll;
  for (const embeddings::classifier::Prediction& p : predictions) {
    v1::ClassLabel* out = independent ? response->add_labels() : response->add_classes();
    out->set_name(model->label(p.label));
    out->set_score(p.probability);
  }
  return absl::OkStatus();
}

}  // namespace wordloom::service
