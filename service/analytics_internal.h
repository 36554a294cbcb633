// Helpers shared by the files that implement Analytics (analytics.cc and one
// analytics_<family>.cc per call family): the checks every single-text call
// makes, and the library objects Analytics::Create builds once. Not part of
// the service's interface.
//
// Thread-safe: free functions without state.
#ifndef WORDLOOM_SERVICE_ANALYTICS_INTERNAL_H_
#define WORDLOOM_SERVICE_ANALYTICS_INTERNAL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/text/token.h"
#include "proto/wordloom/v1/common.pb.h"
#include "service/model_registry.h"

namespace wordloom::analyze::pii {
class PiiDetector;
}
namespace wordloom::nlp {
class KeyphraseExtractor;
}

namespace wordloom::service::internal {

// One text tokenized once by Analytics' word tokenizer (default options:
// punctuation kept, NFKC + case folding, ill-formed UTF-8 an error) and
// split into sentences, shared by the features of one Analyze call.
struct TextTokens {
  nlp::TokenizedDoc doc;
  std::vector<nlp::Span> sentences;
};

// The API's name for a token class.
v1::TokenClass::Value TokenClassToProto(nlp::TokenClass kind);

// `text` within `max_bytes` and valid UTF-8, `language` shaped like a
// language code, `model_id` empty or a valid id. InvalidArgument otherwise.
absl::Status CheckRequest(std::string_view text, size_t max_bytes, std::string_view language,
                          std::string_view model_id);

// InvalidArgument when `model_id` is empty (calls without a default model).
absl::Status RequireModelId(std::string_view model_id, std::string_view kind);

// An InvalidArgument error carrying Comprehend's UnsupportedLanguageException.
absl::Status UnsupportedLanguage(std::string_view language, std::string_view why);

// Refuses `text` when a `what` model (e.g. "sentiment") for `model_language`
// is asked for `requested`, another language, or, when `requested` is empty,
// when the default LANGUAGE model is confident the text is in another
// (analyze/language/language_gate.h). The error carries
// UnsupportedLanguageException.
absl::Status CheckTextLanguage(ModelRegistry* registry, std::string_view what,
                               std::string_view model_language, std::string_view requested,
                               std::string_view text);

// The PII detector over the built-in patterns only (`with_names` false), or
// also with NAME / ADDRESS from the default ENTITIES model of `registry`
// (PERSON -> NAME, LOCATION -> ADDRESS; none when no such model is there).
absl::StatusOr<std::shared_ptr<const analyze::pii::PiiDetector>> MakePiiDetector(
    ModelRegistry* registry, bool with_names);

// A keyphrase extractor for `language`'s stopwords, without background
// document frequencies (idf 1), returning every candidate phrase.
// InvalidArgument (UnsupportedLanguageException) when the language has no
// stopword list.
absl::StatusOr<std::unique_ptr<nlp::KeyphraseExtractor>> MakePlainKeyphraseExtractor(
    const std::string& language);

}  // namespace wordloom::service::internal

#endif  // WORDLOOM_SERVICE_ANALYTICS_INTERNAL_H_
