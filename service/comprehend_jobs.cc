#include "service/comprehend_jobs.h"

#include <map>
#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

using Json = nlohmann::ordered_json;
using google::protobuf::util::TimeUtil;

constexpr char kArnPrefix[] = "arn:aws:comprehend:local:000000000000:";

absl::Status WithType(absl::Status status, const char* type) {
  status.SetPayload(kComprehendErrorPayload, absl::Cord(type));
  return status;
}

absl::Status Serialization(std::string message) {
  return WithType(absl::InvalidArgumentError(std::move(message)), "SerializationException");
}

absl::Status Missing(const std::string& name) {
  return absl::InvalidArgumentError(absl::StrCat(
      "1 validation error detected: Value null at '", name,
      "' failed to satisfy constraint: Member must not be null"));
}

// Member `name` of object `in`, or null when absent (Missing when required).
absl::StatusOr<const Json*> Member(const Json& in, const std::string& name, bool required) {
  auto it = in.find(name);
  if (it == in.end() || it->is_null()) {
    if (required) return Missing(name);
    return nullptr;
  }
  return &*it;
}

absl::StatusOr<std::string> StringMember(const Json& in, const std::string& name, bool required) {
  WL_ASSIGN_OR_RETURN(const Json* value, Member(in, name, required));
  if (value == nullptr) return std::string();
  if (!value->is_string()) return Serialization(absl::StrCat(name, " must be a string"));
  return value->get<std::string>();
}

absl::StatusOr<std::optional<int64_t>> IntMember(const Json& in, const std::string& name) {
  WL_ASSIGN_OR_RETURN(const Json* value, Member(in, name, false));
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) return Serialization(absl::StrCat(name, " must be an integer"));
  return value->get<int64_t>();
}

absl::StatusOr<const Json*> ObjectMember(const Json& in, const std::string& name, bool required) {
  WL_ASSIGN_OR_RETURN(const Json* value, Member(in, name, required));
  if (value != nullptr && !value->is_object()) {
    return Serialization(absl::StrCat(name, " must be an object"));
  }
  return value;
}

double EpochSeconds(const google::protobuf::Timestamp& t) {
  return static_cast<double>(TimeUtil::TimestampToMilliseconds(t)) / 1000.0;
}

// Reads a timestamp member (AWS JSON: epoch seconds as a number).
absl::Status TimeMember(const Json& in, const std::string& name, google::protobuf::Timestamp* out,
                        bool* set) {
  WL_ASSIGN_OR_RETURN(const Json* value, Member(in, name, false));
  *set = value != nullptr;
  if (value == nullptr) return absl::OkStatus();
  if (!value->is_number()) return Serialization(absl::StrCat(name, " must be epoch seconds"));
  *out = TimeUtil::MillisecondsToTimestamp(static_cast<int64_t>(value->get<double>() * 1000));
  return absl::OkStatus();
}

absl::Status ReadDataConfigs(const Json& in, v1::StartJobRequest* r) {
  WL_ASSIGN_OR_RETURN(const Json* input, ObjectMember(in, "InputDataConfig", true));
  WL_ASSIGN_OR_RETURN(*r->mutable_input_data_config()->mutable_s3_uri(),
                      StringMember(*input, "S3Uri", true));
  WL_ASSIGN_OR_RETURN(std::string format, StringMember(*input, "InputFormat", false));
  v1::InputFormat::Value value = v1::InputFormat::ONE_DOC_PER_FILE;  // Comprehend's default
  if (!format.empty() && (!v1::InputFormat::Value_Parse(format, &value) ||
                          value == v1::InputFormat::INPUT_FORMAT_UNSPECIFIED)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "InputDataConfig.InputFormat \"", format, "\" is not ONE_DOC_PER_FILE or ONE_DOC_PER_LINE"));
  }
  r->mutable_input_data_config()->set_input_format(value);
  WL_ASSIGN_OR_RETURN(const Json* output, ObjectMember(in, "OutputDataConfig", true));
  WL_ASSIGN_OR_RETURN(*r->mutable_output_data_config()->mutable_s3_uri(),
                      StringMember(*output, "S3Uri", true));
  WL_ASSIGN_OR_RETURN(*r->mutable_job_name(), StringMember(in, "JobName", false));
  WL_ASSIGN_OR_RETURN(*r->mutable_client_request_token(),
                      StringMember(in, "ClientRequestToken", false));
  return absl::OkStatus();
}

// How each Comprehend job type names things.
struct JobType {
  v1::JobKind::Value kind;
  const char* arn_type;        // "topics-detection-job"
  const char* properties;      // "TopicsDetectionJobProperties"
  const char* properties_list; // "TopicsDetectionJobPropertiesList"
};

constexpr JobType kTopics{v1::JobKind::TOPICS_DETECTION, "topics-detection-job",
                          "TopicsDetectionJobProperties", "TopicsDetectionJobPropertiesList"};
constexpr JobType kClassification{v1::JobKind::DOCUMENT_CLASSIFICATION,
                                  "document-classification-job",
                                  "DocumentClassificationJobProperties",
                                  "DocumentClassificationJobPropertiesList"};

std::string ClassifierArn(const std::string& model_id) {
  return absl::StrCat(kArnPrefix, "document-classifier/", model_id);
}

Json PropertiesJson(const JobType& type, const v1::JobProperties& p) {
  Json out{{"JobId", p.job_id()},
           {"JobArn", absl::StrCat(kArnPrefix, type.arn_type, "/", p.job_id())}};
  if (!p.job_name().empty()) out["JobName"] = p.job_name();
  out["JobStatus"] = v1::JobStatus::Value_Name(p.job_status());
  if (!p.message().empty()) out["Message"] = p.message();
  out["SubmitTime"] = EpochSeconds(p.submit_time());
  if (p.has_end_time()) out["EndTime"] = EpochSeconds(p.end_time());
  Json input{{"S3Uri", p.input_data_config().s3_uri()}};
  if (p.input_data_config().input_format() != 0) {
    input["InputFormat"] = v1::InputFormat::Value_Name(p.input_data_config().input_format());
  }
  out["InputDataConfig"] = std::move(input);
  out["OutputDataConfig"] = Json{{"S3Uri", p.output_data_config().s3_uri()}};
  if (type.kind == v1::JobKind::TOPICS_DETECTION) {
    const int32_t k = p.parameters().topics_detection().number_of_topics();
    out["NumberOfTopics"] = k > 0 ? k : 10;
  } else {
    out["DocumentClassifierArn"] = ClassifierArn(p.parameters().document_classification().model_id());
  }
  return out;
}

absl::StatusOr<Json> StartJob(JobManager& jobs, const JobType& type, v1::StartJobRequest request) {
  request.set_kind(type.kind);
  WL_ASSIGN_OR_RETURN(v1::StartJobResponse started, jobs.Start(request));
  return Json{{"JobId", started.job_id()},
              {"JobArn", absl::StrCat(kArnPrefix, type.arn_type, "/", started.job_id())},
              {"JobStatus", v1::JobStatus::Value_Name(started.job_status())}};
}

absl::StatusOr<Json> StartTopicsDetectionJob(JobManager& jobs, const Json& in) {
  v1::StartJobRequest request;
  WL_RETURN_IF_ERROR(ReadDataConfigs(in, &request));
  WL_ASSIGN_OR_RETURN(std::optional<int64_t> topics, IntMember(in, "NumberOfTopics"));
  if (topics && (*topics < 1 || *topics > 100)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "NumberOfTopics is ", *topics, "; it must be 1 to 100 (Comprehend's range)"));
  }
  request.mutable_parameters()->mutable_topics_detection()->set_number_of_topics(
      static_cast<int32_t>(topics.value_or(10)));
  return StartJob(jobs, kTopics, std::move(request));
}

absl::StatusOr<Json> StartDocumentClassificationJob(JobManager& jobs, const Json& in) {
  v1::StartJobRequest request;
  WL_ASSIGN_OR_RETURN(std::string arn, StringMember(in, "DocumentClassifierArn", true));
  WL_RETURN_IF_ERROR(ReadDataConfigs(in, &request));
  const size_t slash = arn.rfind('/');
  request.mutable_parameters()->mutable_document_classification()->set_model_id(
      slash == std::string::npos ? arn : arn.substr(slash + 1));
  WL_ASSIGN_OR_RETURN(Json out, StartJob(jobs, kClassification, std::move(request)));
  out["DocumentClassifierArn"] = arn;
  return out;
}

absl::StatusOr<Json> DescribeJob(JobManager& jobs, const JobType& type, const Json& in) {
  WL_ASSIGN_OR_RETURN(std::string id, StringMember(in, "JobId", true));
  absl::StatusOr<v1::JobProperties> job = jobs.Describe(id);
  if (!job.ok() || job->kind() != type.kind) {
    return WithType(absl::NotFoundError(absl::StrCat("no ", type.arn_type, " with JobId \"", id, "\"")),
                    "JobNotFoundException");
  }
  return Json{{type.properties, PropertiesJson(type, *job)}};
}

absl::StatusOr<Json> ListJobs(JobManager& jobs, const JobType& type, const Json& in) {
  v1::ListJobsRequest request;
  v1::JobFilter* filter = request.mutable_filter();
  filter->set_kind(type.kind);
  WL_ASSIGN_OR_RETURN(const Json* f, ObjectMember(in, "Filter", false));
  if (f != nullptr) {
    WL_ASSIGN_OR_RETURN(*filter->mutable_job_name(), StringMember(*f, "JobName", false));
    WL_ASSIGN_OR_RETURN(std::string status, StringMember(*f, "JobStatus", false));
    v1::JobStatus::Value value{};
    if (!status.empty() && (!v1::JobStatus::Value_Parse(status, &value) || value == 0)) {
      return WithType(absl::InvalidArgumentError(absl::StrCat("Filter.JobStatus \"", status,
                                                              "\" is not a JobStatus")),
                      "InvalidFilterException");
    }
    filter->set_job_status(value);
    bool set = false;
    WL_RETURN_IF_ERROR(TimeMember(*f, "SubmitTimeBefore", filter->mutable_submit_time_before(), &set));
    if (!set) filter->clear_submit_time_before();
    WL_RETURN_IF_ERROR(TimeMember(*f, "SubmitTimeAfter", filter->mutable_submit_time_after(), &set));
    if (!set) filter->clear_submit_time_after();
  }
  WL_ASSIGN_OR_RETURN(std::optional<int64_t> max, IntMember(in, "MaxResults"));
  if (max && (*max < 1 || *max > 500)) {
    return absl::InvalidArgumentError(absl::StrCat("MaxResults is ", *max, "; it must be 1 to 500"));
  }
  request.set_max_results(static_cast<int32_t>(max.value_or(100)));
  WL_ASSIGN_OR_RETURN(*request.mutable_next_token(), StringMember(in, "NextToken", false));
  WL_ASSIGN_OR_RETURN(v1::ListJobsResponse listed, jobs.List(request));
  Json list = Json::array();
  for (const v1::JobProperties& p : listed.job_properties_list()) {
    list.push_back(PropertiesJson(type, p));
  }
  Json out{{type.properties_list, std::move(list)}};
  if (!listed.next_token().empty()) out["NextToken"] = listed.next_token();
  return out;
}

}  // namespace

ComprehendJobOp FindComprehendJobOperation(std::string_view operation) {
  static const auto* ops = new std::map<std::string, ComprehendJobOp, std::less<>>{
      {"StartTopicsDetectionJob", StartTopicsDetectionJob},
      {"DescribeTopicsDetectionJob",
       [](JobManager& j, const Json& in) { return DescribeJob(j, kTopics, in); }},
      {"ListTopicsDetectionJobs",
       [](JobManager& j, const Json& in) { return ListJobs(j, kTopics, in); }},
      {"StartDocumentClassificationJob", StartDocumentClassificationJob},
      {"DescribeDocumentClassificationJob",
       [](JobManager& j, const Json& in) { return DescribeJob(j, kClassification, in); }},
      {"ListDocumentClassificationJobs",
       [](JobManager& j, const Json& in) { return ListJobs(j, kClassification, in); }},
  };
  auto it = ops->find(operation);
  return it == ops->end() ? nullptr : it->second;
}

}  // namespace wordloom::service
