// Tests for UTF-8 validation, repair and cut points.
#include "nlp/text/utf8.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace wordloom::nlp {
namespace {

constexpr size_t npos = std::string_view::npos;

TEST(Utf8Test, WellFormed) {
  for (std::string_view s : {"", "ascii only", "caf\u00E9", "\u6771\u4EAC", "\U0001F600",
                             "\uFFFD", "\U0010FFFF", "\xEF\xBB\xBF" "bom"}) {
    EXPECT_EQ(FindInvalidUtf8(s), npos) << s;
    EXPECT_TRUE(ValidateUtf8(s).ok());
  }
}

TEST(Utf8Test, IllFormedSequences) {
  struct Case {
    std::string text;
    size_t at;
  };
  for (const Case& c : std::vector<Case>{
           {"\x80", 0},                      // lone continuation
           {"ab\xC3", 2},                    // truncated 2-byte
           {"ab\xE6\x9D", 2},                // truncated 3-byte
           {"\xC0\xAF", 0},                  // overlong '/'
           {"\xE0\x80\xAF", 0},              // overlong 3-byte
           {"x\xED\xA0\x80", 1},             // UTF-16 surrogate
           {"\xF4\x90\x80\x80", 0},          // above U+10FFFF
           {"\xF5\x80\x80\x80", 0},          // invalid lead byte
           {"ok\xFE", 2},
           {"\xC3\xA9\xC3", 2},
       }) {
    EXPECT_EQ(FindInvalidUtf8(c.text), c.at) << absl::CHexEscape(c.text);
    absl::Status s = ValidateUtf8(c.text);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find(absl::StrCat("invalid UTF-8 at byte ", c.at)),
              absl::string_view::npos)
        << s;
  }
}

TEST(Utf8Test, FindsBadByteAtEveryPositionOfLongAsciiText) {
  // Exercises the 8-bytes-at-a-time ASCII skip at every alignment.
  for (size_t pos = 0; pos < 70; ++pos) {
    std::string text(70, 'a');
    text[pos] = '\xFF';
    EXPECT_EQ(FindInvalidUtf8(text), pos);
    EXPECT_FALSE(IsAscii(text));
    text[pos] = 'b';
    EXPECT_EQ(FindInvalidUtf8(text), npos);
    EXPECT_TRUE(IsAscii(text));
  }
}

TEST(Utf8Test, IsAscii) {
  EXPECT_TRUE(IsAscii(""));
  EXPECT_TRUE(IsAscii(std::string("\0\x7F", 2)));
  EXPECT_FALSE(IsAscii("caf\u00E9"));
}

TEST(Utf8Test, ReplaceInvalidUtf8) {
  EXPECT_EQ(ReplaceInvalidUtf8("good \u00E9"), "good \u00E9");
  EXPECT_EQ(ReplaceInvalidUtf8("a\xFF" "b"), "a\uFFFD" "b");
  EXPECT_EQ(ReplaceInvalidUtf8("ab\xE6\x9D"), "ab\uFFFD");  // one maximal subpart
  EXPECT_EQ(ReplaceInvalidUtf8("\x80\x80"), "\uFFFD\uFFFD");
  EXPECT_EQ(FindInvalidUtf8(ReplaceInvalidUtf8("\xC0\xAF\xED\xA0\x80 x\xF8")), npos);
}

TEST(Utf8Test, SafeCut) {
  const std::string s = "a\u00E9\u6771\U0001F600";  // 1 + 2 + 3 + 4 bytes
  EXPECT_EQ(Utf8SafeCut(s, 0), 0u);
  EXPECT_EQ(Utf8SafeCut(s, 1), 1u);
  EXPECT_EQ(Utf8SafeCut(s, 2), 1u);   // inside é
  EXPECT_EQ(Utf8SafeCut(s, 3), 3u);
  EXPECT_EQ(Utf8SafeCut(s, 5), 3u);   // inside 東
  EXPECT_EQ(Utf8SafeCut(s, 6), 6u);
  EXPECT_EQ(Utf8SafeCut(s, 9), 6u);   // inside 😀
  EXPECT_EQ(Utf8SafeCut(s, 10), 10u);
  EXPECT_EQ(Utf8SafeCut(s, 99), 10u);
}

}  // namespace
}  // namespace wordloom::nlp
