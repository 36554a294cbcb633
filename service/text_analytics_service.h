// wordloom.v1.TextAnalytics over gRPC, on AsyncServer's completion queues
// (async_server.h): each unary call hands its request to Analytics inline or
// on the work pool (unary_call.h); AnalyzeStream is a bidirectional stream
// reactor (analyze_stream.h).
//
//   TextAnalyticsService service(analytics, env);
//   WL_RETURN_IF_ERROR(service.AddMethods(&calls));  // before RegisterService
//   builder.RegisterService(&service);
//
// Thread-safe; `analytics` and `env` must outlive the server.
#ifndef WORDLOOM_SERVICE_TEXT_ANALYTICS_SERVICE_H_
#define WORDLOOM_SERVICE_TEXT_ANALYTICS_SERVICE_H_

#include "absl/status/status.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "service/analytics.h"
#include "service/async_server.h"
#include "service/unary_call.h"

namespace wordloom::service {

class TextAnalyticsService final : public AsyncMethods<v1::TextAnalytics::Service> {
 public:
  TextAnalyticsService(const Analytics* analytics, CallEnv env)
      : analytics_(analytics), env_(env) {}

  // Serves every method on `calls`. Once, before the service is registered
  // with the ServerBuilder of `calls`.
  absl::Status AddMethods(AsyncServer* calls);

 private:
  template <typename Request, typename Response>
  absl::Status AddSingle(AsyncServer* calls, std::string_view method,
                         absl::Status (Analytics::*analyze)(const Request&, Response*) const);
  template <typename Request, typename Response>
  absl::Status AddBatch(AsyncServer* calls, std::string_view method,
                        absl::Status (Analytics::*analyze)(const Request&, Response*,
                                                           const CancelCheck&) const);

  const Analytics* const analytics_;
  const CallEnv env_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_TEXT_ANALYTICS_SERVICE_H_
