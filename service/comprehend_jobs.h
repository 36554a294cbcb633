// Comprehend's asynchronous job operations on the JSON gateway, over the
// JobManager: StartTopicsDetectionJob, DescribeTopicsDetectionJob,
// ListTopicsDetectionJobs, StartDocumentClassificationJob,
// DescribeDocumentClassificationJob and ListDocumentClassificationJobs, with
// Comprehend's request and response shapes:
//   InputDataConfig {S3Uri, InputFormat}  S3Uri a local path or file:// URI
//                                         (corpus://NAME for an ingested corpus)
//   OutputDataConfig {S3Uri}              a local directory
//   JobId, JobArn, JobStatus, Message, SubmitTime / EndTime (epoch seconds)
// Errors: InvalidRequestException (bad or missing field, missing input),
// JobNotFoundException (unknown JobId), ResourceNotFoundException (unknown
// classifier), TooManyRequestsException (job queue full). Comprehend has no
// Stop call for these two job types; StopJob is on gRPC.
//
// Thread-safe.
#ifndef WORDLOOM_SERVICE_COMPREHEND_JOBS_H_
#define WORDLOOM_SERVICE_COMPREHEND_JOBS_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "service/job_manager.h"

namespace wordloom::service {

using ComprehendJobOp = absl::StatusOr<nlohmann::ordered_json> (*)(JobManager& jobs,
                                                                   const nlohmann::ordered_json&);

// The handler of job operation `operation` ("StartTopicsDetectionJob"), or
// nullptr when it is not one.
ComprehendJobOp FindComprehendJobOperation(std::string_view operation);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_COMPREHEND_JOBS_H_
