// The job kinds of job_tasks.h, one Validate/Run pair each (job_topics.cc,
// job_classify.cc, job_training.cc). Internal to service/.
#ifndef WORDLOOM_SERVICE_JOB_TASKS_INTERNAL_H_
#define WORDLOOM_SERVICE_JOB_TASKS_INTERNAL_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "service/job_manager.h"
#include "service/job_tasks.h"

namespace wordloom::service::internal {

absl::Status ValidateTopicsJob(const JobTaskEnv& env, const v1::JobProperties& job);
absl::Status RunTopicsJob(const JobTaskEnv& env, JobContext& context);

absl::Status ValidateClassificationJob(const JobTaskEnv& env, const v1::JobProperties& job);
absl::Status RunClassificationJob(const JobTaskEnv& env, JobContext& context);

absl::Status ValidateTrainClassifierJob(const JobTaskEnv& env, const v1::JobProperties& job);
absl::Status RunTrainClassifierJob(const JobTaskEnv& env, JobContext& context);

absl::Status ValidateTrainVectorsJob(const JobTaskEnv& env, const v1::JobProperties& job);
absl::Status RunTrainVectorsJob(const JobTaskEnv& env, JobContext& context);

// Input `uri` (request field `field`) resolved, confined to the input roots
// (InvalidArgument outside them, job_paths.h) and checked to exist
// (NotFound).
absl::StatusOr<std::string> ConfinedInputPath(const JobTaskEnv& env, std::string_view field,
                                              const std::string& uri);
// The job's input path (ConfinedInputPath of input_data_config.s3_uri).
absl::StatusOr<std::string> JobInputPath(const JobTaskEnv& env, const v1::JobProperties& job);
// The job's output directory, confined to the output roots: required
// (InvalidArgument when missing) or optional ("" when not given).
absl::StatusOr<std::string> JobOutputDir(const JobTaskEnv& env, const v1::JobProperties& job,
                                         bool required);
// The id a TRAIN_* job registers its model under (`requested`, else the job
// id), checked to be a valid id that no model has yet (AlreadyExists).
absl::StatusOr<std::string> OutputModelId(const JobTaskEnv& env, const std::string& requested,
                                          const std::string& job_id);
// Picks up the model file written for `model_id` and loads it. NotFound
// when no loader of this build recognizes it.
absl::Status RegisterModel(const JobTaskEnv& env, const std::string& model_id);

// `value` (request field `field`) is in [lo, hi] (InvalidArgument naming it).
absl::Status CheckRange(const char* field, double value, double lo, double hi);

}  // namespace wordloom::service::internal

#endif  // WORDLOOM_SERVICE_JOB_TASKS_INTERNAL_H_
