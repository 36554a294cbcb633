// Analytics::DetectEntities over nlp/analyze/entities (EntityRecognizer):
// the ENTITIES model named by model_id, or the default one for the language.
#include <vector>

#include "core/status_macros.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

// The library's type names are Comprehend's (PERSON, LOCATION, ...).
v1::EntityType::Value EntityTypeFromName(const std::string& name) {
  v1::EntityType::Value type = v1::EntityType::OTHER;
  if (!v1::EntityType::Value_Parse(name, &type) ||
      type == v1::EntityType::ENTITY_TYPE_UNSPECIFIED) {
    return v1::EntityType::OTHER;
  }
  return type;
}

}  // namespace

absl::Status Analytics::DetectEntities(const v1::DetectEntitiesRequest& request,
                                       v1::DetectEntitiesResponse* response) const {
  return DetectEntitiesOf(request, nullptr, response);
}

absl::Status Analytics::DetectEntitiesOf(const v1::DetectEntitiesRequest& request,
                                         const internal::TextTokens* tokens,
                                         v1::DetectEntitiesResponse* response) const {
  WL_RETURN_IF_ERROR(internal::CheckRequest(request.text(), kMaxTextBytes,
                                            request.language_code(), request.model_id()));
  using analyze::entities::EntityRecognizer;
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const EntityRecognizer> model,
                      registry_->GetAs<EntityRecognizer>(request.model_id(), ModelKind::kEntities,
                                                         request.language_code()));
  WL_RETURN_IF_ERROR(internal::CheckTextLanguage(registry_, "entities",
                                                 model->data().language_code,
                                                 request.language_code(), request.text()));
  // The shared tokens are the tagger's: default options (TaggingTokenizerOptions).
  WL_ASSIGN_OR_RETURN(std::vector<analyze::entities::Entity> found,
                      tokens == nullptr ? model->Detect(request.text())
                                        : model->DetectTokens(request.text(), tokens->doc));
  for (const analyze::entities::Entity& e : found) {
    v1::Entity* out = response->add_entities();
    out->set_text(e.text);
    out->set_type(EntityTypeFromName(e.type));
    out->set_score(static_cast<float>(e.score));
    out->set_begin_offset(static_cast<int32_t>(e.begin));
    out->set_end_offset(static_cast<int32_t>(e.end));
  }
  return absl::OkStatus();
}

}  // namespace wordloom::service
