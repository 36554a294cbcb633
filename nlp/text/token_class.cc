#include "nlp/text/token_class.h"

#include <cstdint>

#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace wordloom::nlp {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }

TokenClass ClassifyAsciiOnly(std::string_view text, bool* ascii) {
  bool digit = false;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      *ascii = false;
      return TokenClass::kWord;
    }
    if (IsAsciiLetter(c)) return TokenClass::kWord;
    digit |= IsAsciiDigit(c);
  }
  *ascii = true;
  if (digit) return TokenClass::kNumber;
  unsigned char first = text.empty() ? ' ' : text[0];
  switch (first) {
    case '$': case '+': case '<': case '=': case '>': case '^': case '`': case '|': case '~':
      return TokenClass::kSymbol;
    default:
      return TokenClass::kPunctuation;
  }
}

bool IsEmojiCodePoint(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) || c == 0x20E3;
}

}  // namespace

std::string_view TokenClassName(TokenClass kind) {
  switch (kind) {
    case TokenClass::kWord: return "word";
    case TokenClass::kNumber: return "number";
    case TokenClass::kPunctuation: return "punct";
    case TokenClass::kSymbol: return "symbol";
    case TokenClass::kEmoji: return "emoji";
    case TokenClass::kUrl: return "url";
    case TokenClass::kEmail: return "email";
  }
  return "word";
}

TokenClass ClassifyToken(std::string_view text) {
  bool ascii = false;
  TokenClass ascii_class = ClassifyAsciiOnly(text, &ascii);
  if (ascii) return ascii_class;

  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  bool emoji = false, digit = false;
  UChar32 first = -1;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (first < 0) first = c;
    if (u_isalpha(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return TokenClass::kWord;
    emoji |= IsEmojiCodePoint(c);
    digit |= u_isdigit(c) != 0;
  }
  if (emoji) return TokenClass::kEmoji;
  if (digit) return TokenClass::kNumber;
  if (first < 0) return TokenClass::kPunctuation;
  int32_t mask = U_GET_GC_MASK(first);
  if (mask & U_GC_P_MASK) return TokenClass::kPunctuation;
  if (mask & U_GC_S_MASK) return TokenClass::kSymbol;
  return TokenClass::kWord;
}

}  // namespace wordloom::nlp
