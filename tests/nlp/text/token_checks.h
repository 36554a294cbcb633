// Checks shared by the nlp/text tests: the invariants every tokenization
// must satisfy, whatever the language.
#ifndef WORDLOOM_TESTS_NLP_TEXT_TOKEN_CHECKS_H_
#define WORDLOOM_TESTS_NLP_TEXT_TOKEN_CHECKS_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "nlp/text/tokenizer.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace wordloom::nlp {

// Code points of UTF-8 `text` (ill-formed bytes as U+FFFD).
inline std::vector<UChar32> CodePoints(std::string_view text) {
  std::vector<UChar32> out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : c);
  }
  return out;
}

// Tokens are ordered, non-overlapping, non-empty and inside `text`; none
// holds whitespace; the normalized form of each token's original bytes is
// the token's normalized form (offsets round-trip); no token starts or ends
// inside a UTF-8 sequence.
inline void ExpectTokenInvariants(std::string_view text, const TokenizedDoc& doc,
                                  const Tokenizer& tokenizer, const std::string& where) {
  uint64_t previous_end = 0;
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    SCOPED_TRACE(where + " token " + std::to_string(i));
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_GE(t.begin, previous_end);
    previous_end = t.end;
    auto is_continuation = [&](uint64_t at) {
      return at < text.size() && (static_cast<uint8_t>(text[at]) & 0xC0) == 0x80;
    };
    EXPECT_FALSE(is_continuation(t.begin));
    EXPECT_FALSE(is_continuation(t.end));
    std::string_view raw = text.substr(t.begin, t.end - t.begin);
    for (UChar32 c : CodePoints(raw)) {
      EXPECT_FALSE(u_isUWhiteSpace(c)) << "whitespace U+" << std::hex << c << " in \"" << raw
                                       << "\"";
    }
    std::string renormalized;
    if (t.kind == TokenClass::kUrl || t.kind == TokenClass::kEmail) {
      renormalized = std::string(raw);
    } else {
      tokenizer.normalizer().AppendNormalized(raw, &renormalized);
    }
    EXPECT_EQ(renormalized, doc.Normalized(t)) << "raw \"" << raw << "\"";
    EXPECT_FALSE(doc.Normalized(t).empty());
  }
}

}  // namespace wordloom::nlp

#endif  // WORDLOOM_TESTS_NLP_TEXT_TOKEN_CHECKS_H_
