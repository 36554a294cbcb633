#include "nlp/text/utf8.h"

#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "unicode/utf8.h"

namespace wordloom::nlp {
namespace {

// Skips 8 ASCII bytes at a time.
size_t SkipAscii(const unsigned char* p, size_t i, size_t n) {
  while (i + 8 <= n) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

}  // namespace

bool IsAscii(std::string_view text) {
  return SkipAscii(reinterpret_cast<const unsigned char*>(text.data()), 0, text.size()) ==
         text.size();
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  size_t base = 0;
  // U8_NEXT takes int32 indices: walk texts over 1 GB in windows that end
  // on a sequence boundary.
  while (base < text.size()) {
    int32_t length = static_cast<int32_t>(std::min<size_t>(text.size() - base, 1 << 30));
    if (base + length < text.size()) {
      length = static_cast<int32_t>(Utf8SafeCut(text.substr(base), length));
    }
    int32_t i = 0;
    while (i < length) {
      if (p[base + i] < 0x80) {
        i = static_cast<int32_t>(SkipAscii(p + base, i, length));
        continue;
      }
      int32_t start = i;
      UChar32 c;
      U8_NEXT(p + base, i, length, c);
      if (c < 0) return base + start;
    }
    base += length;
  }
  return std::string_view::npos;
}

absl::Status ValidateUtf8(std::string_view text) {
  size_t bad = FindInvalidUtf8(text);
  if (bad == std::string_view::npos) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid UTF-8 at byte ", bad, " (0x", absl::Hex(static_cast<uint8_t>(text[bad])),
      "): expected a well-formed UTF-8 sequence"));
}

std::string ReplaceInvalidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  size_t base = 0;
  while (base < text.size()) {
    int32_t length = static_cast<int32_t>(std::min<size_t>(text.size() - base, 1 << 30));
    // Shrink the window to a sequence boundary unless it is the last one.
    if (base + length < text.size()) length = static_cast<int32_t>(Utf8SafeCut(text.substr(base), length));
    int32_t i = 0;
    while (i < length) {
      int32_t start = i;
      UChar32 c;
      U8_NEXT(p + base, i, length, c);
      if (c < 0) {
        out.append("\xEF\xBF\xBD");
      } else {
        out.append(text.data() + base + start, i - start);
      }
    }
    base += length;
  }
  return out;
}

size_t Utf8SafeCut(std::string_view text, size_t limit) {
  if (limit >= text.size()) return text.size();
  size_t cut = limit;
  // Back up over at most 3 continuation bytes to a lead byte.
  for (int k = 0; k < 3 && cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80; ++k) {
    --cut;
  }
  if ((static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) return limit;  // ill-formed: any cut
  return cut;
}

}  // namespace wordloom::nlp
