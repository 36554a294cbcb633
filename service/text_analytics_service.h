// wordloom.v1.TextAnalytics over gRPC's callback API: each handler hands its
// request to Analytics on the work pool (see unary_call.h); AnalyzeStream
// is a bidirectional reactor (analyze_stream.h).
//
// Thread-safe; `analytics` and `env` must outlive the server.
#ifndef WORDLOOM_SERVICE_TEXT_ANALYTICS_SERVICE_H_
#define WORDLOOM_SERVICE_TEXT_ANALYTICS_SERVICE_H_

#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "service/analytics.h"
#include "service/unary_call.h"

namespace wordloom::service {

class TextAnalyticsService final : public v1::TextAnalytics::CallbackService {
 public:
  TextAnalyticsService(const Analytics* analytics, CallEnv env)
      : analytics_(analytics), env_(env) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* Tokenize(Ctx* ctx, const v1::TokenizeRequest* request,
                    v1::TokenizeResponse* response) override;
  Reactor* DetectDominantLanguage(Ctx* ctx, const v1::DetectDominantLanguageRequest* request,
                                  v1::DetectDominantLanguageResponse* response) override;
  Reactor* DetectKeyPhrases(Ctx* ctx, const v1::DetectKeyPhrasesRequest* request,
                            v1::DetectKeyPhrasesResponse* response) override;
  Reactor* DetectTopics(Ctx* ctx, const v1::DetectTopicsRequest* request,
                        v1::DetectTopicsResponse* response) override;
  Reactor* ClassifyText(Ctx* ctx, const v1::ClassifyTextRequest* request,
                        v1::ClassifyTextResponse* response) override;
  Reactor* DetectSentiment(Ctx* ctx, const v1::DetectSentimentRequest* request,
                           v1::DetectSentimentResponse* response) override;
  Reactor* DetectEntities(Ctx* ctx, const v1::DetectEntitiesRequest* request,
                          v1::DetectEntitiesResponse* response) override;
  Reactor* DetectPiiEntities(Ctx* ctx, const v1::DetectPiiEntitiesRequest* request,
                             v1::DetectPiiEntitiesResponse* response) override;
  Reactor* Embed(Ctx* ctx, const v1::EmbedRequest* request, v1::EmbedResponse* response) override;
  Reactor* Analyze(Ctx* ctx, const v1::AnalyzeRequest* request,
                   v1::AnalyzeResponse* response) override;
  grpc::ServerBidiReactor<v1::AnalyzeRequest, v1::AnalyzeResponse>* AnalyzeStream(
      Ctx* ctx) override;
  Reactor* BatchDetectDominantLanguage(Ctx* ctx,
                                       const v1::BatchDetectDominantLanguageRequest* request,
                                       v1::BatchDetectDominantLanguageResponse* response) override;
  Reactor* BatchDetectKeyPhrases(Ctx* ctx, const v1::BatchDetectKeyPhrasesRequest* request,
                                 v1::BatchDetectKeyPhrasesResponse* response) override;
  Reactor* BatchDetectSentiment(Ctx* ctx, const v1::BatchDetectSentimentRequest* request,
                                v1::BatchDetectSentimentResponse* response) override;
  Reactor* BatchDetectEntities(Ctx* ctx, const v1::BatchDetectEntitiesRequest* request,
                               v1::BatchDetectEntitiesResponse* response) override;
  Reactor* BatchDetectTopics(Ctx* ctx, const v1::BatchDetectTopicsRequest* request,
                             v1::BatchDetectTopicsResponse* response) override;
  Reactor* BatchClassifyText(Ctx* ctx, const v1::BatchClassifyTextRequest* request,
                             v1::BatchClassifyTextResponse* response) override;

 private:
  const Analytics* const analytics_;
  const CallEnv env_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_TEXT_ANALYTICS_SERVICE_H_
