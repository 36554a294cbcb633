// Amazon Comprehend's JSON wire protocol (AWS JSON 1.1) over Analytics, so
// the AWS CLI and SDKs pointed at `--endpoint-url` work unchanged:
//
//   POST /   X-Amz-Target: Comprehend_20171127.DetectSentiment
//            Content-Type: application/x-amz-json-1.1
//   {"Text": "...", "LanguageCode": "en"}
//
// Responses use Comprehend's field names and CHARACTER offsets (Unicode code
// points, as Comprehend counts them); the library's UTF-8 byte offsets are
// converted here. Errors use Comprehend's shape with its exception names:
//   {"__type": "TextSizeLimitExceededException", "message": "..."}
//
// Thread-safe; Handle() does the CPU work, so call it on the work pool.
#ifndef WORDLOOM_SERVICE_COMPREHEND_GATEWAY_H_
#define WORDLOOM_SERVICE_COMPREHEND_GATEWAY_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "service/analytics.h"
#include "service/job_manager.h"

namespace wordloom::service {

// An HTTP response to send.
struct HttpReply {
  int status = 200;
  std::string content_type = "application/x-amz-json-1.1";
  std::string body;
};

// The "X-Amz-Target" prefix of Comprehend's operations.
inline constexpr std::string_view kComprehendTargetPrefix = "Comprehend_20171127.";

class ComprehendGateway {
 public:
  // `jobs` (optional) serves the Start*Job family (comprehend_jobs.h).
  explicit ComprehendGateway(const Analytics* analytics, JobManager* jobs = nullptr)
      : analytics_(analytics), jobs_(jobs) {}

  // Answers one request. `operation` receives the operation name (for
  // metrics; "unknown" if the target is not one) and `code` the outcome.
  HttpReply Handle(std::string_view amz_target, std::string_view body, std::string* operation,
                   absl::StatusCode* code) const;

  // The Comprehend error reply for `status` (HTTP status and __type chosen
  // from its code and Comprehend error payload).
  static HttpReply ErrorReply(const absl::Status& status);
  // An error reply with an explicit Comprehend exception name.
  static HttpReply ErrorReply(int http_status, std::string_view type, std::string_view message);

 private:
  const Analytics* const analytics_;
  JobManager* const jobs_;
};

// Code point offset of each UTF-8 byte offset of one text.
class CharOffsets {
 public:
  explicit CharOffsets(std::string_view text);
  // Number of code points that start before byte `byte` (clamped to the text).
  int64_t ToChars(int64_t byte) const;

 private:
  std::vector<int32_t> chars_before_;  // per byte, plus one for the end
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_COMPREHEND_GATEWAY_H_
