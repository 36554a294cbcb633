#include "service/models_service.h"

#include "core/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t));
}

absl::Status CheckId(const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("model_id is required");
  return CheckModelId("model_id", id);
}

}  // namespace

v1::ModelInfo ToModelInfo(const ModelEntryInfo& entry) {
  v1::ModelInfo info;
  info.set_model_id(entry.model_id);
  info.set_kind(static_cast<v1::ModelKind::Value>(entry.kind));
  info.set_path(entry.path);
  info.set_status(static_cast<v1::ModelStatus::Value>(entry.state));
  info.set_status_message(entry.status_message);
  info.set_size_bytes(entry.size_bytes);
  if (entry.loaded_at) *info.mutable_loaded_at() = ToTimestamp(*entry.loaded_at);
  const ModelDetails& d = entry.details;
  if (d.trained_at) *info.mutable_trained_at() = ToTimestamp(*d.trained_at);
  info.set_language_code(d.language_code);
  info.mutable_training_parameters()->insert(d.training_parameters.begin(),
                                             d.training_parameters.end());
  for (const std::string& label : d.labels) info.add_labels(label);
  info.set_vocabulary_size(d.vocabulary_size);
  info.set_dimension(d.dimension);
  info.set_number_of_topics(d.number_of_topics);
  info.set_format_version(d.format_version);
  return info;
}

absl::Status ModelsService::AddMethods(AsyncServer* calls) {
  constexpr std::string_view kService = "wordloom.v1.Models";
  ModelRegistry* registry = registry_;
  WL_RETURN_IF_ERROR((AddPoolMethod<v1::ListModelsRequest, v1::ListModelsResponse>(
      calls, this, kService, "ListModels", env_,
      [registry](const v1::ListModelsRequest& request,
                 v1::ListModelsResponse* response) -> absl::Status {
        for (const ModelEntryInfo& entry : registry->List()) {
          if (request.kind() != 0 && static_cast<int>(entry.kind) != request.kind()) continue;
          if (request.status() != 0 && static_cast<int>(entry.state) != request.status()) {
            continue;
          }
          *response->add_models() = ToModelInfo(entry);
        }
        return absl::OkStatus();
      })));
  WL_RETURN_IF_ERROR((AddPoolMethod<v1::DescribeModelRequest, v1::DescribeModelResponse>(
      calls, this, kService, "DescribeModel", env_,
      [registry](const v1::DescribeModelRequest& request,
                 v1::DescribeModelResponse* response) -> absl::Status {
        WL_RETURN_IF_ERROR(CheckId(request.model_id()));
        WL_ASSIGN_OR_RETURN(ModelEntryInfo entry, registry->Describe(request.model_id()));
        *response->mutable_model() = ToModelInfo(entry);
        return absl::OkStatus();
      })));
  WL_RETURN_IF_ERROR((AddPoolMethod<v1::LoadModelRequest, v1::LoadModelResponse>(
      calls, this, kService, "LoadModel", env_,
      [registry](const v1::LoadModelRequest& request,
                 v1::LoadModelResponse* response) -> absl::Status {
        WL_RETURN_IF_ERROR(CheckId(request.model_id()));
        WL_ASSIGN_OR_RETURN(ModelEntryInfo entry,
                            registry->Load(request.model_id(), request.path()));
        *response->mutable_model() = ToModelInfo(entry);
        return absl::OkStatus();
      })));
  return AddPoolMethod<v1::UnloadModelRequest, v1::UnloadModelResponse>(
      calls, this, kService, "UnloadModel", env_,
      [registry](const v1::UnloadModelRequest& request,
                 v1::UnloadModelResponse* response) -> absl::Status {
        WL_RETURN_IF_ERROR(CheckId(request.model_id()));
        WL_ASSIGN_OR_RETURN(ModelEntryInfo entry, registry->Unload(request.model_id()));
        *response->mutable_model() = ToModelInfo(entry);
        return absl::OkStatus();
      });
}

}  // namespace wordloom::service
