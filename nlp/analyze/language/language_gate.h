// Whether a model trained on one language may analyze a text: Comprehend's
// UnsupportedLanguageException for the Detect* analyzers (sentiment,
// entities) whose models know one language.
//
//   * An explicit language code must name the model's language (primary
//     subtags compared, case-insensitively: "en-US" is "en").
//   * Without a code, and with a language identifier at hand, the language
//     of the text's first kLanguageGatePrefixBytes is detected; the text is
//     refused only when the detection is confident (score >= min_score over
//     >= min_known_ngrams n-grams the identifier knows) and names another
//     language. Short, emoji-only or mixed texts pass: the analyzers define
//     results for them.
//   * A model without a language ("") accepts every text.
//
// Errors are InvalidArgument whose message starts `unsupported language "xx"`.
// Thread-safe: free functions; the identifier is used read-only.
#ifndef WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_GATE_H_
#define WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_GATE_H_

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace wordloom::analyze::language {

class LanguageIdentifier;

inline constexpr size_t kLanguageGatePrefixBytes = 1024;

struct LanguageGateOptions {
  double min_score = 0.9;
  size_t min_known_ngrams = 40;
};

// True when `a` and `b` name one language ("en" and "en-GB"); an empty code
// names any language.
bool SameLanguage(std::string_view a, std::string_view b);

// OK when a `what` model (e.g. "sentiment") for `model_language` may analyze
// `text` asked for in `requested` (may be empty); `identifier` may be null.
absl::Status CheckTextLanguage(std::string_view what, std::string_view model_language,
                               std::string_view requested, std::string_view text,
                               const LanguageIdentifier* identifier,
                               const LanguageGateOptions& options = {});

}  // namespace wordloom::analyze::language

#endif  // WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_GATE_H_
