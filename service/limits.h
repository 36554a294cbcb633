// Request limits as Amazon Comprehend enforces them, and the checks every
// handler runs before doing any work. Each check returns InvalidArgument with
// a message naming the field, the limit and what was received.
//
// Sizes are UTF-8 bytes, as Comprehend counts them ("5 KB" = 5,000 bytes).
#ifndef WORDLOOM_SERVICE_LIMITS_H_
#define WORDLOOM_SERVICE_LIMITS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "google/protobuf/repeated_field.h"

namespace wordloom::service {

// Comprehend's figures.
inline constexpr size_t kMaxTextBytes = 100000;       // most synchronous calls
inline constexpr size_t kMaxSentimentTextBytes = 5000;  // DetectSentiment
inline constexpr size_t kMaxBatchItemBytes = 5000;    // each BatchDetect* document
inline constexpr int kMaxBatchDocuments = 25;         // BatchDetect* text_list

// Largest gRPC request the server receives: the largest request the limits
// above allow (a 100 KB document, or 25 batch documents of 5 KB), with room
// for framing, options and an ingested document of up to ~1 MB. Bigger
// messages fail with RESOURCE_EXHAUSTED before they are parsed.
inline constexpr int kMaxGrpcReceiveBytes = 1 << 20;
static_assert(kMaxGrpcReceiveBytes > 4 * kMaxTextBytes &&
              kMaxGrpcReceiveBytes > 4 * kMaxBatchDocuments * kMaxBatchItemBytes);

// Payload key of the Comprehend exception name attached to limit errors
// ("TextSizeLimitExceededException", ...); the JSON gateway reports it as
// `__type`.
inline constexpr char kComprehendErrorPayload[] = "wordloom.dev/comprehend-error";

// The Comprehend exception name attached to `status`, or "".
std::string ComprehendErrorType(const absl::Status& status);

// `text` (request field `field`) is non-empty, at most `max_bytes` and valid
// UTF-8.
absl::Status CheckText(std::string_view field, std::string_view text, size_t max_bytes);

// `texts` has 1..kMaxBatchDocuments entries. Per-document checks are the
// caller's (they become BatchItemErrors, not a failed call).
absl::Status CheckBatchSize(const google::protobuf::RepeatedPtrField<std::string>& texts);

// `code` is empty or a BCP 47-shaped language code ("en", "zh-TW", "pt-BR").
absl::Status CheckLanguageCode(std::string_view code);

// `id` is empty or a valid model id (1..128 of [A-Za-z0-9._-], not "." / "..").
absl::Status CheckModelId(std::string_view field, std::string_view id);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_LIMITS_H_
