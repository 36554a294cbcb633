#include "service/job_tasks.h"

#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "service/job_input.h"
#include "service/job_paths.h"
#include "service/job_tasks_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace internal {

absl::StatusOr<std::string> ConfinedInputPath(const JobTaskEnv& env, std::string_view field,
                                              const std::string& uri) {
  WL_ASSIGN_OR_RETURN(std::string path, ResolveInputUri(field, uri, env.corpora_dir));
  std::vector<std::string> roots = env.input_roots;
  roots.push_back(env.corpora_dir);
  WL_ASSIGN_OR_RETURN(std::string confined, ConfinePath(field, path, roots, "--job-input-root"));
  WL_RETURN_IF_ERROR(CheckExists(field, confined));
  return confined;
}

absl::StatusOr<std::string> JobInputPath(const JobTaskEnv& env, const v1::JobProperties& job) {
  return ConfinedInputPath(env, "input_data_config.s3_uri", job.input_data_config().s3_uri());
}

absl::StatusOr<std::string> JobOutputDir(const JobTaskEnv& env, const v1::JobProperties& job,
                                         bool required) {
  const std::string& uri = job.output_data_config().s3_uri();
  if (uri.empty()) {
    if (!required) return std::string();
    return absl::InvalidArgumentError(absl::StrCat(
        "output_data_config.s3_uri is required for ", v1::JobKind::Value_Name(job.kind()),
        " jobs: the directory to write the results to"));
  }
  return ResolveOutputUri("output_data_config.s3_uri", uri, env.output_roots, "--job-output-root");
}

absl::StatusOr<std::string> OutputModelId(const JobTaskEnv& env, const std::string& requested,
                                          const std::string& job_id) {
  const std::string id = requested.empty() ? job_id : requested;
  if (id.empty()) return id;  // validation before the job has an id
  WL_RETURN_IF_ERROR(CheckModelId("model_id", id));
  const std::string path = (std::filesystem::path(env.models_dir) / (id + ".wlm")).string();
  std::error_code ec;
  if (env.registry->Describe(id).ok() || std::filesystem::exists(path, ec)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "model_id \"", id, "\" is taken: a model of that id is already served or its file ", path,
        " exists; choose another id"));
  }
  return id;
}

absl::Status RegisterModel(const JobTaskEnv& env, const std::string& model_id) {
  WL_RETURN_IF_ERROR(env.registry->Rescan());
  return env.registry->Load(model_id).status();
}

absl::Status CheckRange(const char* field, double value, double lo, double hi) {
  if (value >= lo && value <= hi) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, " is ", value, "; it must be in [", lo, ", ", hi, "]"));
}

}  // namespace internal

namespace {

class BuiltinJobExecutor final : public JobExecutor {
 public:
  explicit BuiltinJobExecutor(JobTaskEnv env) : env_(std::move(env)) {
    if (env_.threads == 0) env_.threads = std::max(1u, std::thread::hardware_concurrency() / 2);
  }

  absl::Status Validate(const v1::JobProperties& job) const override {
    WL_RETURN_IF_ERROR(CheckLanguageCode(job.language_code()));
    switch (job.kind()) {
      case v1::JobKind::TOPICS_DETECTION: return internal::ValidateTopicsJob(env_, job);
      case v1::JobKind::DOCUMENT_CLASSIFICATION:
        return internal::ValidateClassificationJob(env_, job);
      case v1::JobKind::TRAIN_CLASSIFIER: return internal::ValidateTrainClassifierJob(env_, job);
      case v1::JobKind::TRAIN_VECTORS: return internal::ValidateTrainVectorsJob(env_, job);
      default: return absl::InvalidArgumentError("unknown job kind");
    }
  }

  absl::Status Run(JobContext& context) const override {
    switch (context.job().kind()) {
      case v1::JobKind::TOPICS_DETECTION: return internal::RunTopicsJob(env_, context);
      case v1::JobKind::DOCUMENT_CLASSIFICATION:
        return internal::RunClassificationJob(env_, context);
      case v1::JobKind::TRAIN_CLASSIFIER: return internal::RunTrainClassifierJob(env_, context);
      case v1::JobKind::TRAIN_VECTORS: return internal::RunTrainVectorsJob(env_, context);
      default: return absl::InvalidArgumentError("unknown job kind");
    }
  }

 private:
  JobTaskEnv env_;
};

}  // namespace

std::unique_ptr<JobExecutor> MakeJobExecutor(JobTaskEnv env) {
  return std::make_unique<BuiltinJobExecutor>(std::move(env));
}

}  // namespace wordloom::service
