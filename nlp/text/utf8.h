// UTF-8 validation and repair. The only place wordloom decides what is
// well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, max U+10FFFF).
#ifndef WORDLOOM_NLP_TEXT_UTF8_H_
#define WORDLOOM_NLP_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace wordloom::nlp {

// How text pipelines treat ill-formed UTF-8.
enum class InvalidUtf8Policy {
  kError,    // reject the text with InvalidArgument naming the byte offset
  kReplace,  // read each ill-formed sequence as U+FFFD (offsets stay exact)
};

// Byte offset of the first ill-formed sequence, or std::string_view::npos.
size_t FindInvalidUtf8(std::string_view text);

// OK, or InvalidArgument "invalid UTF-8 at byte N: ..." for the first
// ill-formed sequence.
absl::Status ValidateUtf8(std::string_view text);

// True when every byte is < 0x80.
bool IsAscii(std::string_view text);

// Copy of `text` with each maximal ill-formed subsequence replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view text);

// Largest n <= `limit` such that text[0, n) does not end inside a UTF-8
// sequence (a cut point for chunking long texts).
size_t Utf8SafeCut(std::string_view text, size_t limit);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_UTF8_H_
