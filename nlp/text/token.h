// Tokens and tokenized documents: what nlp/text hands every other module.
#ifndef WORDLOOM_NLP_TEXT_TOKEN_H_
#define WORDLOOM_NLP_TEXT_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wordloom::nlp {

// What a token is. Whitespace never becomes a token.
enum class TokenClass : uint8_t {
  kWord,         // letters (any script), possibly with digits, ' . _ inside
  kNumber,       // digits with optional , . separators, no letters
  kPunctuation,  // Unicode general category P*
  kSymbol,       // S* categories other than emoji (+, $, ©, ...)
  kEmoji,        // an emoji sequence (Extended_Pictographic, flags, ZWJ joins)
  kUrl,          // scheme://... or www....
  kEmail,        // local@domain.tld
};

// Lower-case name: "word", "number", "punct", "symbol", "emoji", "url", "email".
std::string_view TokenClassName(TokenClass kind);

// A half-open span of UTF-8 bytes [begin, end) in the original text.
struct Span {
  uint64_t begin = 0;
  uint64_t end = 0;
  bool operator==(const Span&) const = default;
};

struct Token {
  uint64_t begin = 0;  // UTF-8 byte offset in the original text
  uint64_t end = 0;    // one past the last byte
  uint64_t norm_begin = 0;  // the normalized form: TokenizedDoc::normalized
  uint32_t norm_size = 0;   // [norm_begin, norm_begin + norm_size)
  TokenClass kind = TokenClass::kWord;
};

// The tokens of one text. Normalized forms live back to back in one string so
// tokenizing allocates per document, not per token.
struct TokenizedDoc {
  std::vector<Token> tokens;
  std::string normalized;

  // Normalized form of `token` (a token of this doc).
  std::string_view Normalized(const Token& token) const {
    return std::string_view(normalized).substr(token.norm_begin, token.norm_size);
  }
  void Clear() {
    tokens.clear();
    normalized.clear();
  }
};

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_TOKEN_H_
