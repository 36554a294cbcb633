// Analytics::DetectSentiment over nlp/analyze/sentiment (SentimentAnalyzer):
// the SENTIMENT model named by model_id, or the default one for the
// language. Comprehend's 5 KB limit applies (kMaxSentimentTextBytes).
#include "core/status_macros.h"
#include "nlp/analyze/sentiment/sentiment_analyzer.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

namespace sentiment = analyze::sentiment;

v1::Sentiment::Value ToProto(sentiment::Sentiment s) {
  switch (s) {
    case sentiment::Sentiment::kPositive: return v1::Sentiment::POSITIVE;
    case sentiment::Sentiment::kNegative: return v1::Sentiment::NEGATIVE;
    case sentiment::Sentiment::kNeutral: return v1::Sentiment::NEUTRAL;
    case sentiment::Sentiment::kMixed: return v1::Sentiment::MIXED;
  }
  return v1::Sentiment::SENTIMENT_UNSPECIFIED;
}

void FillScore(const sentiment::SentimentScore& in, v1::SentimentScore* out) {
  out->set_positive(static_cast<float>(in.positive));
  out->set_negative(static_cast<float>(in.negative));
  out->set_neutral(static_cast<float>(in.neutral));
  out->set_mixed(static_cast<float>(in.mixed));
}

}  // namespace

absl::Status Analytics::DetectSentiment(const v1::DetectSentimentRequest& request,
                                        v1::DetectSentimentResponse* response) const {
  return DetectSentimentOf(request, nullptr, response);
}

absl::Status Analytics::DetectSentimentOf(const v1::DetectSentimentRequest& request,
                                          const internal::TextTokens* tokens,
                                          v1::DetectSentimentResponse* response) const {
  WL_RETURN_IF_ERROR(internal::CheckRequest(request.text(), kMaxSentimentTextBytes,
                                            request.language_code(), request.model_id()));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const sentiment::SentimentAnalyzer> model,
                      registry_->GetAs<sentiment::SentimentAnalyzer>(
                          request.model_id(), ModelKind::kSentiment, request.language_code()));
  WL_RETURN_IF_ERROR(internal::CheckTextLanguage(registry_, "sentiment",
                                                 model->data().language_code,
                                                 request.language_code(), request.text()));
  // The shared tokens are the sentiment tokenizer's: default options.
  WL_ASSIGN_OR_RETURN(sentiment::SentimentResult result,
                      tokens == nullptr
                          ? model->Detect(request.text())
                          : model->DetectTokens(request.text(), tokens->doc, tokens->sentences));
  response->set_sentiment(ToProto(result.sentiment));
  FillScore(result.score, response->mutable_sentiment_score());
  for (const sentiment::SentenceSentiment& s : result.sentences) {
    v1::SentenceSentiment* out = response->add_sentences();
    out->set_begin_offset(static_cast<int32_t>(s.begin));
    out->set_end_offset(static_cast<int32_t>(s.end));
    out->set_sentiment(ToProto(s.sentiment));
    FillScore(s.score, out->mutable_sentiment_score());
  }
  return absl::OkStatus();
}

}  // namespace wordloom::service
