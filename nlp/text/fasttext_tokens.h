// fastText's token rule (Dictionary::readWord): a token is a maximal run of
// bytes other than ' ', '\t', '\n', '\r', '\v', '\f' and '\0'. The one place
// wordloom writes that rule down: the classifier's whitespace tokenizer and
// featurizer and the fastText-format labelled-data reader use it, so they
// split text exactly as fastText does.
//
// Pure inline functions (hot path of prediction); thread-safe.
//
//   size_t pos = 0;
//   for (auto t = NextFastTextToken(line, &pos); !t.empty(); t = NextFastTextToken(line, &pos))
//     Use(t);
#ifndef WORDLOOM_NLP_TEXT_FASTTEXT_TOKENS_H_
#define WORDLOOM_NLP_TEXT_FASTTEXT_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wordloom::nlp {
namespace internal {

struct FastTextSpaceTable {
  bool is_space[256] = {};
  constexpr FastTextSpaceTable() {
    for (char c : {' ', '\t', '\n', '\r', '\v', '\f', '\0'}) is_space[static_cast<uint8_t>(c)] = true;
  }
};
inline constexpr FastTextSpaceTable kFastTextSpaces;

}  // namespace internal

// True for the bytes that separate fastText tokens.
inline bool IsFastTextSpace(char c) {
  return internal::kFastTextSpaces.is_space[static_cast<uint8_t>(c)];
}

// Returns the next token of `text` starting at or after *pos and moves *pos
// just past it; returns an empty view (and *pos == text.size()) at the end.
inline std::string_view NextFastTextToken(std::string_view text, size_t* pos) {
  size_t i = *pos;
  const size_t n = text.size();
  while (i < n && IsFastTextSpace(text[i])) ++i;
  const size_t start = i;
  while (i < n && !IsFastTextSpace(text[i])) ++i;
  *pos = i;
  return text.substr(start, i - start);
}

// `s` without leading and trailing fastText separators.
inline std::string_view TrimFastTextSpace(std::string_view s) {
  while (!s.empty() && IsFastTextSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsFastTextSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_FASTTEXT_TOKENS_H_
