// EntityRecognizer's model file: the shared analyzer frame
// (nlp/analyze/language/model_file.h), kind "entities". Version 2 appends
// the language code; version-1 files (no language) are read as English, the
// language of CoNLL-2003 English that every version-1 model was trained on.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "nlp/analyze/language/model_file.h"

namespace wordloom::analyze::entities {
namespace {

constexpr char kKind[] = "entities";
constexpr uint32_t kVersion = 2;  // 2: language code

bool AllFinite(const std::vector<float>& v) {
  for (float x : v) {
    if (!std::isfinite(x)) return false;
  }
  return true;
}

}  // namespace

absl::Status ValidateModelData(const EntityModelData& d) {
  if (d.types.empty() || d.types.size() > 8) {
    return absl::InvalidArgumentError(
        absl::StrCat("entity model: ", d.types.size(), " types (expected 1..8)"));
  }
  const size_t T = 1 + 4 * d.types.size();
  if (d.weights.size() != d.feature_keys.size() * T) {
    return absl::InvalidArgumentError("entity model: weights do not match features x tags");
  }
  if (d.transitions.size() != (T + 1) * T || d.end.size() != T) {
    return absl::InvalidArgumentError("entity model: transition matrix has the wrong size");
  }
  if (d.gazetteer_keys.size() != d.gazetteer_types.size() ||
      d.cluster_keys.size() != d.cluster_ids.size()) {
    return absl::InvalidArgumentError("entity model: gazetteer or cluster arrays differ in size");
  }
  for (size_t i = 1; i < d.feature_keys.size(); ++i) {
    if (d.feature_keys[i - 1] >= d.feature_keys[i]) {
      return absl::InvalidArgumentError("entity model: feature keys are not ascending");
    }
  }
  if (!AllFinite(d.weights) || !AllFinite(d.transitions) || !AllFinite(d.end)) {
    return absl::InvalidArgumentError("entity model: non-finite weights");
  }
  if (!(d.temperature > 0) || !std::isfinite(d.temperature)) {
    return absl::InvalidArgumentError("entity model: temperature must be positive");
  }
  return absl::OkStatus();
}

absl::Status EntityRecognizer::Save(const std::string& path) const {
  ModelWriter w;
  w.Put<uint32_t>(data_.epochs);
  w.Put<uint64_t>(data_.seed);
  w.Put<float>(data_.temperature);
  w.Put<uint64_t>(data_.types.size());
  for (const std::string& t : data_.types) w.PutString(t);
  w.PutArray(data_.feature_keys);
  w.PutArray(data_.weights);
  w.PutArray(data_.transitions);
  w.PutArray(data_.end);
  w.PutArray(data_.gazetteer_keys);
  w.PutArray(data_.gazetteer_types);
  w.PutArray(data_.cluster_keys);
  w.PutArray(data_.cluster_ids);
  w.PutString(data_.language_code);
  return w.WriteFile(path, kKind, kVersion);
}

absl::StatusOr<std::unique_ptr<EntityRecognizer>> EntityRecognizer::Load(
    const std::string& path, const EntityOptions& options) {
  WL_ASSIGN_OR_RETURN(ModelReader r, ModelReader::Open(path, kKind, 1, kVersion));
  EntityModelData d;
  uint64_t num_types = 0;
  WL_RETURN_IF_ERROR(r.Get(&d.epochs));
  WL_RETURN_IF_ERROR(r.Get(&d.seed));
  WL_RETURN_IF_ERROR(r.Get(&d.temperature));
  WL_RETURN_IF_ERROR(r.Get(&num_types));
  if (num_types > 8) return r.Corrupt(absl::StrCat(num_types, " entity types"));
  d.types.resize(num_types);
  for (std::string& t : d.types) WL_RETURN_IF_ERROR(r.GetString(&t));
  WL_RETURN_IF_ERROR(r.GetArray(&d.feature_keys));
  WL_RETURN_IF_ERROR(r.GetArray(&d.weights));
  WL_RETURN_IF_ERROR(r.GetArray(&d.transitions));
  WL_RETURN_IF_ERROR(r.GetArray(&d.end));
  WL_RETURN_IF_ERROR(r.GetArray(&d.gazetteer_keys));
  WL_RETURN_IF_ERROR(r.GetArray(&d.gazetteer_types));
  WL_RETURN_IF_ERROR(r.GetArray(&d.cluster_keys));
  WL_RETURN_IF_ERROR(r.GetArray(&d.cluster_ids));
  if (r.version() >= 2) WL_RETURN_IF_ERROR(r.GetString(&d.language_code));
  WL_RETURN_IF_ERROR(r.ExpectEnd());
  if (absl::Status s = ValidateModelData(d); !s.ok()) return r.Corrupt(ToStd(s.message()));
  return Create(std::move(d), options);
}

}  // namespace wordloom::analyze::entities
