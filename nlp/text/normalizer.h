// Unicode normalization of text and tokens: NFKC and full case folding
// (ICU's NFKC_Casefold when both are on), configurable.
//
// Immutable after Create(); every method is thread-safe. ASCII input takes a
// table-driven path that gives the same result as ICU (NFKC is the identity
// on ASCII, and case folding is A-Z -> a-z).
#ifndef WORDLOOM_NLP_TEXT_NORMALIZER_H_
#define WORDLOOM_NLP_TEXT_NORMALIZER_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "nlp/text/utf8.h"

#include "unicode/uversion.h"

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace wordloom::nlp {

struct NormalizerOptions {
  // Apply Unicode NFKC (compatibility composition: "ﬁ" -> "fi", "①" -> "1").
  bool nfkc = true;
  // Apply full Unicode case folding ("Straße" -> "strasse").
  bool case_fold = true;
  // What Normalize() does with ill-formed UTF-8.
  InvalidUtf8Policy invalid_utf8 = InvalidUtf8Policy::kError;
};

class Normalizer {
 public:
  // Internal if ICU's normalization data cannot be loaded.
  static absl::StatusOr<std::unique_ptr<Normalizer>> Create(const NormalizerOptions& options);

  // Normalizes a whole text. InvalidArgument naming the byte offset of the
  // first ill-formed sequence under kError; U+FFFD for it under kReplace.
  absl::StatusOr<std::string> Normalize(std::string_view text) const;

  // Appends the normalized form of `token` to `out`. Ill-formed bytes read
  // as U+FFFD (callers validate first when they must reject them).
  void AppendNormalized(std::string_view token, std::string* out) const;

  const NormalizerOptions& options() const { return options_; }

 private:
  Normalizer(NormalizerOptions options, const icu::Normalizer2* icu)
      : options_(options), icu_(icu) {}
  void AppendNormalizedNonAscii(std::string_view token, std::string* out) const;

  const NormalizerOptions options_;
  const icu::Normalizer2* icu_;  // owned by ICU; nullptr when nfkc is off
};

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_NORMALIZER_H_
