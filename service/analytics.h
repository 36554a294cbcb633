// The TextAnalytics operations on API messages: validate the request against
// Comprehend's limits, call the library, fill the response. Both front ends
// call these — the gRPC service (text_analytics_service.cc) and the JSON
// gateway (comprehend_gateway.cc) — so they behave identically.
//
// One file per call family (analytics_<family>.cc); Analyze shares one
// tokenization between features (analytics_analyze.cc).
//
// Thread-safe: every method may run on many threads at once.
#ifndef WORDLOOM_SERVICE_ANALYTICS_H_
#define WORDLOOM_SERVICE_ANALYTICS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/strings.h"
#include "nlp/text/tokenizer.h"
#include "proto/wordloom/v1/text_analytics.pb.h"
#include "service/model_registry.h"

namespace wordloom::analyze::pii {
class PiiDetector;
}
namespace wordloom::nlp {
class KeyphraseExtractor;
}

namespace wordloom::service {
namespace internal {
struct TextTokens;
}

// Lets a long call stop early: returns true once the caller has gone
// (cancelled or past its deadline).
using CancelCheck = std::function<bool()>;

class Analytics {
 public:
  // `registry` must outlive the Analytics. Errors: Internal (ICU data).
  static absl::StatusOr<std::unique_ptr<Analytics>> Create(ModelRegistry* registry);
  ~Analytics();

  // Errors for all calls: InvalidArgument (empty, too long or invalid UTF-8
  // text, bad option or language code), NotFound (unknown model_id),
  // FailedPrecondition (model of another kind or not loadable).
  absl::Status Tokenize(const v1::TokenizeRequest& request, v1::TokenizeResponse* response) const;
  absl::Status DetectDominantLanguage(const v1::DetectDominantLanguageRequest& request,
                                      v1::DetectDominantLanguageResponse* response) const;
  absl::Status DetectKeyPhrases(const v1::DetectKeyPhrasesRequest& request,
                                v1::DetectKeyPhrasesResponse* response) const;
  absl::Status DetectTopics(const v1::DetectTopicsRequest& request,
                            v1::DetectTopicsResponse* response) const;
  absl::Status ClassifyText(const v1::ClassifyTextRequest& request,
                            v1::ClassifyTextResponse* response) const;
  absl::Status DetectSentiment(const v1::DetectSentimentRequest& request,
                               v1::DetectSentimentResponse* response) const;
  absl::Status DetectEntities(const v1::DetectEntitiesRequest& request,
                              v1::DetectEntitiesResponse* response) const;
  absl::Status DetectPiiEntities(const v1::DetectPiiEntitiesRequest& request,
                                 v1::DetectPiiEntitiesResponse* response) const;
  // Embed: empty model_id = the first VECTORS model; FailedPrecondition
  // when there is none (or model_id names a model of another kind).
  absl::Status Embed(const v1::EmbedRequest& request, v1::EmbedResponse* response) const;
  // Tokenizes and splits the text into sentences once and hands the tokens
  // to every token-level feature (TOKENS, KEY_PHRASES, SENTIMENT, ENTITIES,
  // EMBEDDING); each feature's result equals its own call's. The first
  // failing feature fails the call.
  absl::Status Analyze(const v1::AnalyzeRequest& request, v1::AnalyzeResponse* response) const;

  // Batch calls: InvalidArgument for 0 or more than 25 documents; each
  // document's own failure goes to error_list. Stop between documents with
  // Cancelled once `cancelled` says so.
  absl::Status BatchDetectDominantLanguage(const v1::BatchDetectDominantLanguageRequest& request,
                                           v1::BatchDetectDominantLanguageResponse* response,
                                           const CancelCheck& cancelled) const;
  absl::Status BatchDetectKeyPhrases(const v1::BatchDetectKeyPhrasesRequest& request,
                                     v1::BatchDetectKeyPhrasesResponse* response,
                                     const CancelCheck& cancelled) const;
  absl::Status BatchDetectSentiment(const v1::BatchDetectSentimentRequest& request,
                                    v1::BatchDetectSentimentResponse* response,
                                    const CancelCheck& cancelled) const;
  absl::Status BatchDetectEntities(const v1::BatchDetectEntitiesRequest& request,
                                   v1::BatchDetectEntitiesResponse* response,
                                   const CancelCheck& cancelled) const;
  absl::Status BatchDetectTopics(const v1::BatchDetectTopicsRequest& request,
                                 v1::BatchDetectTopicsResponse* response,
                                 const CancelCheck& cancelled) const;
  absl::Status BatchClassifyText(const v1::BatchClassifyTextRequest& request,
                                 v1::BatchClassifyTextResponse* response,
                                 const CancelCheck& cancelled) const;

 private:
  Analytics(ModelRegistry* registry, std::unique_ptr<nlp::Tokenizer> tokenizer)
      : registry_(registry), tokenizer_(std::move(tokenizer)) {}
  // The word tokenizer, or one that drops `language`'s stopwords.
  absl::StatusOr<const nlp::Tokenizer*> TokenizerFor(bool remove_stopwords,
                                                    const std::string& language) const;
  // The single-text calls over `tokens`, the text's one shared tokenization
  // (null: tokenize here); what Analyze runs per feature.
  absl::Status TokenizeOf(const v1::TokenizeRequest& request, const internal::TextTokens* tokens,
                          v1::TokenizeResponse* response) const;
  absl::Status DetectKeyPhrasesOf(const v1::DetectKeyPhrasesRequest& request,
                                  const internal::TextTokens* tokens,
                                  v1::DetectKeyPhrasesResponse* response) const;
  absl::Status DetectSentimentOf(const v1::DetectSentimentRequest& request,
                                 const internal::TextTokens* tokens,
                                 v1::DetectSentimentResponse* response) const;
  absl::Status DetectEntitiesOf(const v1::DetectEntitiesRequest& request,
                                const internal::TextTokens* tokens,
                                v1::DetectEntitiesResponse* response) const;
  absl::Status EmbedOf(const v1::EmbedRequest& request, const internal::TextTokens* tokens,
                       v1::EmbedResponse* response) const;
  absl::Status AnalyzeFeature(int feature, const v1::AnalyzeRequest& request,
                              const internal::TextTokens& tokens,
                              v1::AnalyzeResponse* response) const;
  absl::Status TokenizeSubwords(const v1::TokenizeRequest& request,
                                v1::TokenizeResponse* response) const;
  absl::Status AnalyzeModelFeature(int feature, const v1::AnalyzeRequest& request,
                                   const internal::TextTokens& tokens,
                                   v1::AnalyzeResponse* response) const;
  // The extractor without background statistics for `language` (cached).
  absl::StatusOr<const nlp::KeyphraseExtractor*> PlainKeyphrases(const std::string& language) const;

  ModelRegistry* const registry_;
  const std::unique_ptr<nlp::Tokenizer> tokenizer_;
  mutable absl::Mutex mu_;
  mutable StringMap<std::unique_ptr<nlp::Tokenizer>> stopword_tokenizers_ ABSL_GUARDED_BY(mu_);
  mutable StringMap<std::shared_ptr<const nlp::KeyphraseExtractor>> plain_keyphrases_
      ABSL_GUARDED_BY(mu_);
  // PII over the patterns alone, and with NAME / ADDRESS from the default
  // ENTITIES model; set by Create.
  std::shared_ptr<const analyze::pii::PiiDetector> pii_patterns_;
  std::shared_ptr<const analyze::pii::PiiDetector> pii_with_names_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_ANALYTICS_H_
