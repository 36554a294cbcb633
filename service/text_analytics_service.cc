#include "service/text_analytics_service.h"

#include <cstdint>

#include "core/status_macros.h"
#include "service/analyze_stream.h"

namespace wordloom::service {
namespace {

constexpr std::string_view kServiceName = "wordloom.v1.TextAnalytics";

}  // namespace

// A one-document call: inline or on the pool by the size of its text.
template <typename Request, typename Response>
absl::Status TextAnalyticsService::AddSingle(AsyncServer* calls, std::string_view method,
                                             absl::Status (Analytics::*analyze)(const Request&,
                                                                                Response*) const) {
  const Analytics* analytics = analytics_;
  return calls->Add(this, kServiceName, method, /*raw=*/true,
                    UnaryMethod<Request, Response>(
                        env_, [](const Request& request) { return request.text().size(); },
                        [analytics, analyze](grpc::ServerContextBase*, const Request& request,
                                             Response* response) {
                          return (analytics->*analyze)(request, response);
                        }));
}

// A batch call: always on the pool, stopping between documents once the
// caller is gone.
template <typename Request, typename Response>
absl::Status TextAnalyticsService::AddBatch(
    AsyncServer* calls, std::string_view method,
    absl::Status (Analytics::*analyze)(const Request&, Response*, const CancelCheck&) const) {
  const Analytics* analytics = analytics_;
  return calls->Add(this, kServiceName, method, /*raw=*/true,
                    UnaryMethod<Request, Response>(
                        env_, OnPool<Request>,
                        [analytics, analyze](grpc::ServerContextBase* ctx, const Request& request,
                                             Response* response) {
                          return (analytics->*analyze)(request, response,
                                                       [ctx] { return CallerGone(ctx); });
                        }));
}

absl::Status TextAnalyticsService::AddMethods(AsyncServer* calls) {
  WL_RETURN_IF_ERROR(AddSingle(calls, "Tokenize", &Analytics::Tokenize));
  WL_RETURN_IF_ERROR(
      AddSingle(calls, "DetectDominantLanguage", &Analytics::DetectDominantLanguage));
  WL_RETURN_IF_ERROR(AddSingle(calls, "DetectKeyPhrases", &Analytics::DetectKeyPhrases));
  WL_RETURN_IF_ERROR(AddSingle(calls, "DetectTopics", &Analytics::DetectTopics));
  WL_RETURN_IF_ERROR(AddSingle(calls, "ClassifyText", &Analytics::ClassifyText));
  WL_RETURN_IF_ERROR(AddSingle(calls, "DetectSentiment", &Analytics::DetectSentiment));
  WL_RETURN_IF_ERROR(AddSingle(calls, "DetectEntities", &Analytics::DetectEntities));
  WL_RETURN_IF_ERROR(AddSingle(calls, "DetectPiiEntities", &Analytics::DetectPiiEntities));
  WL_RETURN_IF_ERROR(AddSingle(calls, "Embed", &Analytics::Embed));
  WL_RETURN_IF_ERROR(AddSingle(calls, "Analyze", &Analytics::Analyze));
  WL_RETURN_IF_ERROR(
      AddBatch(calls, "BatchDetectDominantLanguage", &Analytics::BatchDetectDominantLanguage));
  WL_RETURN_IF_ERROR(AddBatch(calls, "BatchDetectKeyPhrases", &Analytics::BatchDetectKeyPhrases));
  WL_RETURN_IF_ERROR(AddBatch(calls, "BatchDetectSentiment", &Analytics::BatchDetectSentiment));
  WL_RETURN_IF_ERROR(AddBatch(calls, "BatchDetectEntities", &Analytics::BatchDetectEntities));
  WL_RETURN_IF_ERROR(AddBatch(calls, "BatchDetectTopics", &Analytics::BatchDetectTopics));
  WL_RETURN_IF_ERROR(AddBatch(calls, "BatchClassifyText", &Analytics::BatchClassifyText));
  return calls->Add(this, kServiceName, "AnalyzeStream", /*raw=*/false,
                    AnalyzeStreamMethod(analytics_, env_));
}

}  // namespace wordloom::service
