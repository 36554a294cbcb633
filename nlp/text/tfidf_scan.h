// The term scanner of FitTransformLines() (tfidf_fit.cc): the \S+ terms
// and line ends of pre-tokenized text, as ForEachWhitespaceTerm() (tfidf.h)
// sees them, at memory speed. With AVX2 it classifies 64 bytes at a time
// into bit masks and walks the term boundaries with bit scans; without, it
// skips 8 term bytes at a time (SWAR). Internal to nlp/text.
#ifndef WORDLOOM_NLP_TEXT_TFIDF_SCAN_H_
#define WORDLOOM_NLP_TEXT_TFIDF_SCAN_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "nlp/text/tfidf.h"

namespace wordloom::nlp::tfidf_internal {

// Mask with the high bit set in each byte of `x` that can end a run of term
// bytes: below 0x21 (space, control, '\n') or 0x80 and above (a possible
// Unicode space). Exact up to and including the lowest flagged byte.
inline uint64_t SpecialBytes(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  return ((x - kOnes * 0x21) & ~x & kHighs) | (x & kHighs);
}

// Calls on_term(term) for each \S+ term of `text` (as ForEachWhitespaceTerm)
// and on_line_end() after each '\n' and after a last line without one.
template <typename TermFn, typename LineFn>
void ScanLinesScalar(std::string_view text, TermFn&& on_term, LineFn&& on_line_end) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
  const auto space_at = [&](const char* q) -> size_t {
    const unsigned char b = static_cast<unsigned char>(*q);
    if (b == ' ' || (b >= 0x09 && b <= 0x0d)) return 1;
    return (b < 0x1c || (b > 0x20 && b < 0x80)) ? 0 : WhitespaceLength(text, q - begin);
  };
  while (p < end) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\n') {
      on_line_end();
      ++p;
      continue;
    }
    if (c <= 0x20 || c >= 0x80) {
      if (const size_t ws = space_at(p); ws > 0) {
        p += ws;
        continue;
      }
    }
    const char* start = p++;
    while (p < end) {
      if (end - p >= 8) {
        uint64_t x;
        std::memcpy(&x, p, 8);
        const uint64_t m = SpecialBytes(x);
        if (m == 0) {
          p += 8;
          continue;
        }
        p += std::countr_zero(m) / 8;
      } else {
        const unsigned char d = static_cast<unsigned char>(*p);
        if (d > 0x20 && d < 0x80) {
          ++p;
          continue;
        }
      }
      if (space_at(p) > 0) break;
      ++p;  // a control byte or non-space UTF-8 byte inside the term
    }
    on_term(std::string_view(start, p - start));
  }
  if (!text.empty() && text.back() != '\n') on_line_end();
}

#if defined(__AVX2__)

// Bit i set where byte i of the 64 at `p` is ASCII white space (\t..\r,
// U+001C..U+001F, space), is '\n', or is 0x80 and above.
struct WindowMasks {
  uint64_t space, newline, high;
};

inline WindowMasks ClassifyWindow(const char* p) {
  const auto in_range = [](__m256i v, char lo, char n) {  // lo <= v <= lo + n, unsigned
    const __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8(lo));
    return _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(n)), d);
  };
  const auto bits = [](__m256i lo, __m256i hi) {
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(lo))) |
           static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(hi))) << 32;
  };
  const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
  const auto space = [&](__m256i v) {
    return _mm256_or_si256(in_range(v, 0x09, 4), in_range(v, 0x1c, 4));
  };
  const __m256i nl = _mm256_set1_epi8('\n');
  return {bits(space(a), space(b)), bits(_mm256_cmpeq_epi8(a, nl), _mm256_cmpeq_epi8(b, nl)),
          bits(a, b)};
}

// Adds the Unicode white space among the `high` bytes of the window at
// `offset` to `*space`; bytes of a sequence that run past the window go to
// `*spill` (bit 0 = the next window's first byte).
inline void AddUnicodeSpace(std::string_view text, size_t offset, uint64_t high, uint64_t* space,
                            uint64_t* spill) {
  while (high != 0) {
    const int i = std::countr_zero(high);
    high &= high - 1;
    const size_t n = WhitespaceLength(text, offset + i);
    for (size_t k = 0; k < n; ++k) {
      const size_t pos = i + k;
      if (pos < 64) {
        *space |= uint64_t{1} << pos;
        high &= ~(uint64_t{1} << pos);
      } else {
        *spill |= uint64_t{1} << (pos - 64);
      }
    }
  }
}

// Calls on_term(term) for each \S+ term of `text` and on_line_end() after
// each '\n' and after a last line without one.
template <typename TermFn, typename LineFn>
void ScanLines(std::string_view text, TermFn&& on_term, LineFn&& on_line_end) {
  const char* const begin = text.data();
  const char* term = begin;
  bool after_space = true;  // the byte before the window is white space (or there is none)
  uint64_t spill = 0;
  for (size_t offset = 0; offset < text.size(); offset += 64) {
    const char* window = begin + offset;
    char tail[64];
    // The last window: padded with spaces, which end the last term.
    if (text.size() - offset < 64) {
      std::memset(tail, ' ', sizeof(tail));
      std::memcpy(tail, window, text.size() - offset);
      window = tail;
    }
    WindowMasks m = ClassifyWindow(window);
    uint64_t space = m.space | spill;
    spill = 0;
    if (m.high != 0) AddUnicodeSpace(text, offset, m.high & ~space, &space, &spill);
    // Bits where a term starts or ends, and line ends, in byte order.
    const uint64_t change = space ^ ((space << 1) | (after_space ? 1 : 0));
    for (uint64_t events = change | m.newline; events != 0; events &= events - 1) {
      const int i = std::countr_zero(events);
      if (((space >> i) & 1) == 0) {
        term = begin + offset + i;
        continue;
      }
      if ((change >> i) & 1) on_term(std::string_view(term, begin + offset + i - term));
      if ((m.newline >> i) & 1) on_line_end();
    }
    after_space = space >> 63;
  }
  if (!after_space) on_term(std::string_view(term, begin + text.size() - term));
  if (!text.empty() && text.back() != '\n') on_line_end();
}

#else

template <typename TermFn, typename LineFn>
void ScanLines(std::string_view text, TermFn&& on_term, LineFn&& on_line_end) {
  ScanLinesScalar(text, on_term, on_line_end);
}

#endif  // __AVX2__

}  // namespace wordloom::nlp::tfidf_internal

#endif  // WORDLOOM_NLP_TEXT_TFIDF_SCAN_H_
