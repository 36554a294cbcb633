#include "service/text_analytics_service.h"

#include "service/analyze_stream.h"

namespace wordloom::service {

grpc::ServerUnaryReactor* TextAnalyticsService::Tokenize(Ctx* ctx, const v1::TokenizeRequest* request,
    v1::TokenizeResponse* response) {
  return ServeUnarySized(ctx, env_, "Tokenize", request->text().size(), [=, this] { return analytics_->Tokenize(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::DetectDominantLanguage(Ctx* ctx, const v1::DetectDominantLanguageRequest* request,
    v1::DetectDominantLanguageResponse* response) {
  return ServeUnarySized(ctx, env_, "DetectDominantLanguage", request->text().size(), [=, this] { return analytics_->DetectDominantLanguage(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::DetectKeyPhrases(Ctx* ctx, const v1::DetectKeyPhrasesRequest* request,
    v1::DetectKeyPhrasesResponse* response) {
  return ServeUnarySized(ctx, env_, "DetectKeyPhrases", request->text().size(), [=, this] { return analytics_->DetectKeyPhrases(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::DetectTopics(Ctx* ctx, const v1::DetectTopicsRequest* request,
    v1::DetectTopicsResponse* response) {
  return ServeUnarySized(ctx, env_, "DetectTopics", request->text().size(), [=, this] { return analytics_->DetectTopics(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::ClassifyText(Ctx* ctx, const v1::ClassifyTextRequest* request,
    v1::ClassifyTextResponse* response) {
  return ServeUnarySized(ctx, env_, "ClassifyText", request->text().size(), [=, this] { return analytics_->ClassifyText(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::DetectSentiment(Ctx* ctx, const v1::DetectSentimentRequest* request,
    v1::DetectSentimentResponse* response) {
  return ServeUnarySized(ctx, env_, "DetectSentiment", request->text().size(), [=, this] { return analytics_->DetectSentiment(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::DetectEntities(Ctx* ctx, const v1::DetectEntitiesRequest* request,
    v1::DetectEntitiesResponse* response) {
  return ServeUnarySized(ctx, env_, "DetectEntities", request->text().size(), [=, this] { return analytics_->DetectEntities(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::DetectPiiEntities(Ctx* ctx, const v1::DetectPiiEntitiesRequest* request,
    v1::DetectPiiEntitiesResponse* response) {
  return ServeUnarySized(ctx, env_, "DetectPiiEntities", request->text().size(), [=, this] { return analytics_->DetectPiiEntities(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::Embed(Ctx* ctx, const v1::EmbedRequest* request,
    v1::EmbedResponse* response) {
  return ServeUnarySized(ctx, env_, "Embed", request->text().size(), [=, this] { return analytics_->Embed(*request, response); });
}

grpc::ServerUnaryReactor* TextAnalyticsService::Analyze(Ctx* ctx, const v1::AnalyzeRequest* request,
    v1::AnalyzeResponse* response) {
  return ServeUnarySized(ctx, env_, "Analyze", request->text().size(), [=, this] { return analytics_->Analyze(*request, response); });
}

grpc::ServerBidiReactor<v1::AnalyzeRequest, v1::AnalyzeResponse>*
TextAnalyticsService::AnalyzeStream(Ctx* ctx) {
  return NewAnalyzeStream(ctx, analytics_, env_);
}

grpc::ServerUnaryReactor* TextAnalyticsService::BatchDetectDominantLanguage(Ctx* ctx, const v1::BatchDetectDominantLanguageRequest* request,
    v1::BatchDetectDominantLanguageResponse* response) {
  return ServeUnary(ctx, env_, "BatchDetectDominantLanguage", [=, this] {
    return analytics_->BatchDetectDominantLanguage(*request, response, [ctx] { return CallerGone(ctx); });
  });
}

grpc::ServerUnaryReactor* TextAnalyticsService::BatchDetectKeyPhrases(Ctx* ctx, const v1::BatchDetectKeyPhrasesRequest* request,
    v1::BatchDetectKeyPhrasesResponse* response) {
  return ServeUnary(ctx, env_, "BatchDetectKeyPhrases", [=, this] {
    return analytics_->BatchDetectKeyPhrases(*request, response, [ctx] { return CallerGone(ctx); });
  });
}

grpc::ServerUnaryReactor* TextAnalyticsService::BatchDetectSentiment(Ctx* ctx, const v1::BatchDetectSentimentRequest* request,
    v1::BatchDetectSentimentResponse* response) {
  return ServeUnary(ctx, env_, "BatchDetectSentiment", [=, this] {
    return analytics_->BatchDetectSentiment(*request, response, [ctx] { return CallerGone(ctx); });
  });
}

grpc::ServerUnaryReactor* TextAnalyticsService::BatchDetectEntities(Ctx* ctx, const v1::BatchDetectEntitiesRequest* request,
    v1::BatchDetectEntitiesResponse* response) {
  return ServeUnary(ctx, env_, "BatchDetectEntities", [=, this] {
    return analytics_->BatchDetectEntities(*request, response, [ctx] { return CallerGone(ctx); });
  });
}

grpc::ServerUnaryReactor* TextAnalyticsService::BatchDetectTopics(Ctx* ctx, const v1::BatchDetectTopicsRequest* request,
    v1::BatchDetectTopicsResponse* response) {
  return ServeUnary(ctx, env_, "BatchDetectTopics", [=, this] {
    return analytics_->BatchDetectTopics(*request, response, [ctx] { return CallerGone(ctx); });
  });
}

grpc::ServerUnaryReactor* TextAnalyticsService::BatchClassifyText(Ctx* ctx, const v1::BatchClassifyTextRequest* request,
    v1::BatchClassifyTextResponse* response) {
  return ServeUnary(ctx, env_, "BatchClassifyText", [=, this] {
    return analytics_->BatchClassifyText(*request, response, [ctx] { return CallerGone(ctx); });
  });
}

}  // namespace wordloom::service
