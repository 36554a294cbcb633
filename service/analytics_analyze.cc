// Analytics::Analyze: many features over one text. The text is tokenized and
// split into sentences once (internal::TextTokens); each feature then runs
// its own call's code (the *Of methods) over those tokens, so its result and
// its errors are exactly the single call's. Features whose models tokenize
// differently (topics and language drop punctuation, the classifier keeps
// fastText's own features, PII reads the raw text) run their own call.
#include <bitset>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

// The single-text request of an Analyze feature: text, language and model.
template <typename Request>
Request FeatureRequest(const v1::AnalyzeRequest& request, const std::string& model_id) {
  Request r;
  r.set_text(request.text());
  r.set_language_code(request.language_code());
  r.set_model_id(model_id);
  return r;
}

// Whether `feature` reads the shared tokens.
bool UsesTokens(int feature) {
  return feature == v1::Feature::TOKENS || feature == v1::Feature::KEY_PHRASES ||
         feature == v1::Feature::SENTIMENT || feature == v1::Feature::ENTITIES ||
         feature == v1::Feature::EMBEDDING;
}

}  // namespace

absl::Status Analytics::Analyze(const v1::AnalyzeRequest& request,
                                v1::AnalyzeResponse* response) const {
  WL_RETURN_IF_ERROR(CheckText("text", request.text(), kMaxTextBytes));
  WL_RETURN_IF_ERROR(CheckLanguageCode(request.language_code()));
  if (request.features().empty()) {
    return absl::InvalidArgumentError("features is empty: ask for at least one feature");
  }
  response->set_id(request.id());
  response->set_language_code(request.language_code());
  internal::TextTokens tokens;
  bool tokenized = false;
  std::bitset<64> seen;
  for (int feature : request.features()) {
    if (feature > 0 && feature < 64) {
      if (seen.test(feature)) continue;  // duplicates ignored
      seen.set(feature);
    }
    if (UsesTokens(feature) && !tokenized) {
      WL_RETURN_IF_ERROR(tokenizer_->TokenizeInto(request.text(), &tokens.doc));
      WL_ASSIGN_OR_RETURN(tokens.sentences, tokenizer_->SplitSentences(request.text()));
      tokenized = true;
    }
    WL_RETURN_IF_ERROR(AnalyzeFeature(feature, request, tokens, response));
  }
  return absl::OkStatus();
}

absl::Status Analytics::AnalyzeFeature(int f, const v1::AnalyzeRequest& request,
                                       const internal::TextTokens& tokens,
                                       v1::AnalyzeResponse* response) const {
  const v1::AnalyzeModels& m = request.models();
  switch (f) {
    case v1::Feature::TOKENS: {
      v1::TokenizeRequest r;
      r.set_text(request.text());
      r.set_language_code(request.language_code());
      *r.mutable_options() = request.tokenize_options();
      return TokenizeOf(r, &tokens, response->mutable_tokens());
    }
    case v1::Feature::DOMINANT_LANGUAGE: {
      v1::DetectDominantLanguageRequest r;
      r.set_text(request.text());
      r.set_model_id(m.language_model_id());
      return DetectDominantLanguage(r, response->mutable_dominant_language());
    }
    case v1::Feature::KEY_PHRASES: {
      auto r = FeatureRequest<v1::DetectKeyPhrasesRequest>(request, m.key_phrases_model_id());
      *r.mutable_options() = request.key_phrase_options();
      return DetectKeyPhrasesOf(r, &tokens, response->mutable_key_phrases());
    }
    case v1::Feature::SENTIMENT:
      return DetectSentimentOf(
          FeatureRequest<v1::DetectSentimentRequest>(request, m.sentiment_model_id()), &tokens,
          response->mutable_sentiment());
    case v1::Feature::ENTITIES:
      return DetectEntitiesOf(
          FeatureRequest<v1::DetectEntitiesRequest>(request, m.entities_model_id()), &tokens,
          response->mutable_entities());
    case v1::Feature::FEATURE_UNSPECIFIED:
      return absl::InvalidArgumentError("features: FEATURE_UNSPECIFIED is not a feature");
    default:
      return AnalyzeModelFeature(f, request, tokens, response);
  }
}

absl::Status Analytics::AnalyzeModelFeature(int f, const v1::AnalyzeRequest& request,
                                            const internal::TextTokens& tokens,
                                            v1::AnalyzeResponse* response) const {
  const v1::AnalyzeModels& m = request.models();
  switch (f) {
    case v1::Feature::TOPICS: {
      auto r = FeatureRequest<v1::DetectTopicsRequest>(request, m.topics_model_id());
      *r.mutable_options() = request.topic_options();
      return DetectTopics(r, response->mutable_topics());
    }
    case v1::Feature::CLASSES: {
      auto r = FeatureRequest<v1::ClassifyTextRequest>(request, m.classifier_model_id());
      *r.mutable_options() = request.classify_options();
      return ClassifyText(r, response->mutable_classes());
    }
    case v1::Feature::PII_ENTITIES: {
      v1::DetectPiiEntitiesRequest r;
      r.set_text(request.text());
      r.set_language_code(request.language_code());
      *r.mutable_options() = request.pii_options();
      return DetectPiiEntities(r, response->mutable_pii_entities());
    }
    case v1::Feature::EMBEDDING: {
      auto r = FeatureRequest<v1::EmbedRequest>(request, m.embedding_model_id());
      *r.mutable_options() = request.embed_options();
      return EmbedOf(r, &tokens, response->mutable_embedding());
    }
    default:
      return absl::InvalidArgumentError(absl::StrCat("features: ", f, " is not a feature"));
  }
}

}  // namespace wordloom::service
