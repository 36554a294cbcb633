// Stopword lists: built-in per-language lists written for wordloom, or a
// list loaded from a file (one word per line, '#' comments). Words are
// stored normalized (NFKC + case fold) and looked up with normalized tokens.
//
// Immutable after construction; thread-safe.
#ifndef WORDLOOM_NLP_TEXT_STOPWORDS_H_
#define WORDLOOM_NLP_TEXT_STOPWORDS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/strings.h"

namespace wordloom::nlp {

class StopwordList {
 public:
  // The built-in list for an ISO 639-1 code: en, de, fr, es, it, pt, nl, ru.
  // NotFound for other languages.
  static absl::StatusOr<std::unique_ptr<StopwordList>> BuiltIn(std::string_view language);
  // Loads `path`; NotFound / PermissionDenied / InvalidArgument (bad UTF-8,
  // with the line number).
  static absl::StatusOr<std::unique_ptr<StopwordList>> FromFile(const std::string& path);
  // Languages with a built-in list.
  static std::vector<std::string> BuiltInLanguages();

  // True when the normalized token is a stopword.
  bool Contains(std::string_view normalized) const { return words_.contains(normalized); }
  size_t size() const { return words_.size(); }

 private:
  explicit StopwordList(StringSet words) : words_(std::move(words)) {}
  StringSet words_;
};

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_STOPWORDS_H_
