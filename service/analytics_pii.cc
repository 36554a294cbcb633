// Analytics::DetectPiiEntities over nlp/analyze/pii: the pattern types need
// no model; NAME and ADDRESS also come from the default ENTITIES model when
// one is registered (PERSON -> NAME, LOCATION -> ADDRESS, as `wordloom pii`).
#include <cmath>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "nlp/analyze/pii/pii_detector.h"
#include "nlp/analyze/pii/redactor.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

namespace pii = analyze::pii;

v1::PiiEntityType::Value ToProto(pii::PiiType type) {
  switch (type) {
    case pii::PiiType::kEmail: return v1::PiiEntityType::EMAIL;
    case pii::PiiType::kUrl: return v1::PiiEntityType::URL;
    case pii::PiiType::kIban: return v1::PiiEntityType::INTERNATIONAL_BANK_ACCOUNT_NUMBER;
    case pii::PiiType::kCreditDebitNumber: return v1::PiiEntityType::CREDIT_DEBIT_NUMBER;
    case pii::PiiType::kSsn: return v1::PiiEntityType::SSN;
    case pii::PiiType::kIpAddress: return v1::PiiEntityType::IP_ADDRESS;
    case pii::PiiType::kPhone: return v1::PiiEntityType::PHONE;
    case pii::PiiType::kDateTime: return v1::PiiEntityType::DATE_TIME;
    case pii::PiiType::kAddress: return v1::PiiEntityType::ADDRESS;
    case pii::PiiType::kName: return v1::PiiEntityType::NAME;
  }
  return v1::PiiEntityType::PII_ENTITY_TYPE_UNSPECIFIED;
}

// NAME / ADDRESS spans from the registry's default ENTITIES model, looked up
// per call so a reloaded tagger is picked up; none without such a model.
pii::EntityProvider NamesFromRegistry(ModelRegistry* registry) {
  return [registry](std::string_view text) -> absl::StatusOr<std::vector<pii::PiiEntity>> {
    std::vector<pii::PiiEntity> out;
    auto tagger = registry->GetAs<analyze::entities::EntityRecognizer>("", ModelKind::kEntities);
    if (!tagger.ok()) return out;  // no ENTITIES model: the pattern types only
    WL_ASSIGN_OR_RETURN(std::vector<analyze::entities::Entity> found, (*tagger)->Detect(text));
    for (const analyze::entities::Entity& e : found) {
      if (e.type == "PERSON") {
        out.push_back({pii::PiiType::kName, e.score, e.begin, e.end});
      } else if (e.type == "LOCATION") {
        out.push_back({pii::PiiType::kAddress, e.score, e.begin, e.end});
      }
    }
    return out;
  };
}

// PiiOptions checked: which types to keep and how to redact.
struct PiiSelection {
  bool all_types = true;
  std::set<int> types;
  float min_score = 0;
  bool redact = false;
  pii::RedactOptions redaction;

  bool WantsNames() const {
    return all_types || types.count(v1::PiiEntityType::NAME) > 0 ||
           types.count(v1::PiiEntityType::ADDRESS) > 0;
  }
  bool Keeps(const pii::PiiEntity& e) const {
    return e.score >= min_score && (all_types || types.count(ToProto(e.type)) > 0);
  }
};

absl::StatusOr<PiiSelection> SelectionFrom(const v1::PiiOptions& options) {
  PiiSelection s;
  for (int type : options.pii_entity_types()) {
    if (type == v1::PiiEntityType::PII_ENTITY_TYPE_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          "options.pii_entity_types: PII_ENTITY_TYPE_UNSPECIFIED is not a type");
    }
    s.types.insert(type);
  }
  s.all_types = s.types.empty() || s.types.count(v1::PiiEntityType::ALL) > 0;
  s.min_score = options.min_score();
  if (!(s.min_score >= 0 && s.min_score <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.min_score is ", s.min_score, "; it must be in [0, 1]"));
  }
  s.redact = options.mask_mode() != v1::MaskMode::MASK_MODE_UNSPECIFIED;
  s.redaction.mode = options.mask_mode() == v1::MaskMode::REPLACE_WITH_PII_ENTITY_TYPE
                         ? pii::RedactOptions::Mode::kReplaceWithType
                         : pii::RedactOptions::Mode::kMask;
  const std::string& mask = options.mask_character();
  if (!mask.empty()) {
    if (mask.size() != 1 || mask[0] < 0x21 || mask[0] > 0x7E) {
      return absl::InvalidArgumentError(absl::StrCat(
          "options.mask_character \"", mask.substr(0, 16),
          "\" must be one printable ASCII character such as \"*\" or \"#\""));
    }
    s.redaction.mask_char = mask[0];
  }
  return s;
}

}  // namespace

namespace internal {

absl::StatusOr<std::shared_ptr<const pii::PiiDetector>> MakePiiDetector(ModelRegistry* registry,
                                                                       bool with_names) {
  pii::PiiOptions options;
  options.max_bytes = kMaxTextBytes;
  if (with_names) options.entities = NamesFromRegistry(registry);
  WL_ASSIGN_OR_RETURN(std::unique_ptr<pii::PiiDetector> detector,
                      pii::PiiDetector::Create(std::move(options)));
  return std::shared_ptr<const pii::PiiDetector>(std::move(detector));
}

}  // namespace internal

absl::Status Analytics::DetectPiiEntities(const v1::DetectPiiEntitiesRequest& request,
                                          v1::DetectPiiEntitiesResponse* response) const {
  WL_RETURN_IF_ERROR(
      internal::CheckRequest(request.text(), kMaxTextBytes, request.language_code(), ""));
  WL_ASSIGN_OR_RETURN(PiiSelection selection, SelectionFrom(request.options()));
  const pii::PiiDetector& detector =
      selection.WantsNames() ? *pii_with_names_ : *pii_patterns_;
  WL_ASSIGN_OR_RETURN(std::vector<pii::PiiEntity> found, detector.Detect(request.text()));
  std::vector<pii::PiiEntity> kept;
  for (const pii::PiiEntity& e : found) {
    if (!selection.Keeps(e)) continue;
    kept.push_back(e);
    v1::PiiEntity* out = response->add_entities();
    out->set_type(ToProto(e.type));
    out->set_score(static_cast<float>(e.score));
    out->set_begin_offset(static_cast<int32_t>(e.begin));
    out->set_end_offset(static_cast<int32_t>(e.end));
  }
  if (selection.redact) {
    response->set_redacted_text(pii::Redact(request.text(), kept, selection.redaction));
  }
  return absl::OkStatus();
}

}  // namespace wordloom::service
