#include "nlp/analyze/language/language_gate.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/strings.h"
#include "nlp/analyze/language/language_identifier.h"

namespace wordloom::analyze::language {
namespace {

std::string_view PrimarySubtag(std::string_view code) {
  return code.substr(0, code.find_first_of("-_"));
}

// The longest prefix of `text` of at most `max_bytes` that does not cut a
// UTF-8 sequence.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

absl::Status Unsupported(std::string_view language, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported language \"", ToAbsl(language), "\"", ToAbsl(why)));
}

}  // namespace

bool SameLanguage(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return true;
  return absl::EqualsIgnoreCase(ToAbsl(PrimarySubtag(a)), ToAbsl(PrimarySubtag(b)));
}

absl::Status CheckTextLanguage(std::string_view what, std::string_view model_language,
                               std::string_view requested, std::string_view text,
                               const LanguageIdentifier* identifier,
                               const LanguageGateOptions& options) {
  if (model_language.empty()) return absl::OkStatus();
  const std::string supports =
      absl::StrCat(": the ", ToAbsl(what), " model supports \"", ToAbsl(model_language),
                   "\" only");
  if (!requested.empty()) {
    if (SameLanguage(requested, model_language)) return absl::OkStatus();
    return Unsupported(requested, supports);
  }
  if (identifier == nullptr) return absl::OkStatus();
  // Ill-formed UTF-8 is the analyzer's to report, with its byte offset.
  absl::StatusOr<LanguageResult> detected =
      identifier->Detect(Utf8Prefix(text, kLanguageGatePrefixBytes));
  if (!detected.ok() || detected->languages.empty()) return absl::OkStatus();
  const DetectedLanguage& top = detected->languages.front();
  if (top.score < options.min_score || detected->known_ngrams < options.min_known_ngrams ||
      SameLanguage(top.code, model_language)) {
    return absl::OkStatus();
  }
  return Unsupported(top.code, absl::StrFormat(
                                   " (detected, score %.2f)%s; give language code \"%s\" to "
                                   "analyze the text anyway",
                                   top.score, supports, std::string(model_language)));
}

}  // namespace wordloom::analyze::language
