#include "nlp/text/ascii_segmenter.h"

#include <array>
#include <cstdint>

namespace wordloom::nlp {
namespace {

// UAX #29 Word_Break classes of the ASCII range, as ICU's root rules use them.
// ICU tailors UAX #29 in its root word.txt (ICU 72, verified against it by
// tests/nlp/text/fast_path_diff_test over every ASCII string of up to three
// characters and a large English corpus):
//  - '@' is ALetter ($ALetter = [\p{Word_Break = ALetter} @]), so "a@b.c",
//    "@home" and "@0" are one segment each;
//  - ':' is NOT MidLetter ($MidLetter excludes ':'), so "a:b" breaks.
// Otherwise the classes are UAX #29's: '.' MidNumLet, '\'' Single_Quote
// (which joins like MidNumLet), ',' and ';' MidNum, '_' ExtendNumLet.
enum Cls : uint8_t {
  kOther,
  kSkip,      // whitespace and controls: never part of a token
  kLetter,    // ALetter
  kNumeric,   // Numeric
  kUnder,     // ExtendNumLet '_'
  kMidNumLet, // '.'
  kQuote,     // Single_Quote '\''
  kMidNum,    // ',' ';'
};

constexpr std::array<uint8_t, 128> MakeTable() {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = kOther;
  for (int c = 0; c <= ' '; ++c) t[c] = kSkip;
  t[0x7F] = kSkip;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter;
  t['@'] = kLetter;  // ICU's root rules add '@' to ALetter
  for (int c = '0'; c <= '9'; ++c) t[c] = kNumeric;
  t['_'] = kUnder;
  t['.'] = kMidNumLet;
  t['\''] = kQuote;
  t[','] = kMidNum;
  t[';'] = kMidNum;
  return t;
}
constexpr std::array<uint8_t, 128> kTable = MakeTable();

inline bool IsWordChar(uint8_t cls) { return cls == kLetter || cls == kNumeric || cls == kUnder; }

// WB6/WB7 (letter joiner letter) and WB11/WB12 (digit joiner digit).
inline bool Joins(uint8_t prev, uint8_t joiner, uint8_t next) {
  if (prev == kLetter && next == kLetter) return joiner == kMidNumLet || joiner == kQuote;
  if (prev == kNumeric && next == kNumeric) {
    return joiner == kMidNumLet || joiner == kQuote || joiner == kMidNum;
  }
  return false;
}

}  // namespace

void SegmentAsciiWords(std::string_view text, uint64_t base, std::vector<Span>* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    uint8_t cls = kTable[p[i]];
    if (cls == kSkip) {
      ++i;
      continue;
    }
    size_t start = i++;
    if (IsWordChar(cls)) {
      // WB5, WB8-10, WB13a/b: adjacent word characters always join.
      while (i < n) {
        uint8_t c = kTable[p[i]];
        if (IsWordChar(c)) {
          ++i;
        } else if (i + 1 < n && Joins(kTable[p[i - 1]], c, kTable[p[i + 1]])) {
          i += 2;
        } else {
          break;
        }
      }
    }
    out->push_back({base + start, base + i});
  }
}

}  // namespace wordloom::nlp
