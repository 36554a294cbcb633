// Differential test of the ASCII fast path against ICU: on every ASCII line
// of a large real English corpus (Project Gutenberg texts and Reuters-21578),
// and on synthetic strings covering every combination of ASCII characters
// around letters and digits, SegmentAsciiWords must give byte-identical
// spans to ICU's word BreakIterator, and Tokenize() must give identical
// tokens with the fast path on and off.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/strings.h"
#include "nlp/text/tokenizer.h"
#include "nlp/text/utf8.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

namespace fs = std::filesystem;

std::string Escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppend(&out, "\\x", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

std::string DescribeSpans(std::string_view text, const std::vector<Span>& spans, size_t from) {
  std::string out;
  for (size_t i = from; i < spans.size() && i < from + 6; ++i) {
    absl::StrAppend(&out, " [", spans[i].begin, ",", spans[i].end, ")\"",
                    Escape(text.substr(spans[i].begin, spans[i].end - spans[i].begin)), "\"");
  }
  return out;
}

// Empty when equal, else a description of the first difference.
std::string CompareSpans(std::string_view text, const std::vector<Span>& fast,
                         const std::vector<Span>& icu) {
  size_t i = 0;
  while (i < fast.size() && i < icu.size() && fast[i] == icu[i]) ++i;
  if (i == fast.size() && i == icu.size()) return "";
  uint64_t at = i < icu.size() ? icu[i].begin : (i < fast.size() ? fast[i].begin : 0);
  uint64_t from = at > 40 ? at - 40 : 0;
  return absl::StrCat("first difference at span ", i, " near \"",
                      Escape(text.substr(from, 100)), "\"\n  fast:",
                      DescribeSpans(text, fast, i), "\n  icu: ", DescribeSpans(text, icu, i));
}

std::string CompareDocs(std::string_view text, const TokenizedDoc& fast, const TokenizedDoc& icu) {
  if (fast.tokens.size() != icu.tokens.size()) {
    return absl::StrCat("token counts differ: ", fast.tokens.size(), " vs ", icu.tokens.size(),
                        " in \"", Escape(text.substr(0, 200)), "\"");
  }
  for (size_t i = 0; i < fast.tokens.size(); ++i) {
    const Token& a = fast.tokens[i];
    const Token& b = icu.tokens[i];
    if (a.begin != b.begin || a.end != b.end || a.kind != b.kind ||
        fast.Normalized(a) != icu.Normalized(b)) {
      return absl::StrCat("token ", i, " differs: [", a.begin, ",", a.end, ") ",
                          ToAbsl(TokenClassName(a.kind)), " \"", Escape(fast.Normalized(a)), "\" vs [",
                          b.begin, ",", b.end, ") ", ToAbsl(TokenClassName(b.kind)), " \"",
                          Escape(icu.Normalized(b)), "\"");
    }
  }
  return "";
}

class FastPathDiffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TokenizerOptions options;
    auto fast = Tokenizer::Create(options);
    ASSERT_TRUE(fast.ok()) << fast.status();
    fast_ = std::move(*fast);
    options.ascii_fast_path = false;
    auto icu = Tokenizer::Create(options);
    ASSERT_TRUE(icu.ok()) << icu.status();
    icu_ = std::move(*icu);
  }

  // Compares segmentation of `text`; returns false (after reporting) on a
  // difference so callers can stop early instead of flooding the log.
  bool CheckSegments(std::string_view text, const std::string& where) {
    fast_spans_.clear();
    icu_spans_.clear();
    EXPECT_TRUE(fast_->SegmentWords(text, true, &fast_spans_).ok());
    EXPECT_TRUE(fast_->SegmentWords(text, false, &icu_spans_).ok());
    std::string diff = CompareSpans(text, fast_spans_, icu_spans_);
    EXPECT_EQ(diff, "") << where;
    return diff.empty();
  }

  bool CheckTokens(std::string_view text, const std::string& where) {
    EXPECT_TRUE(fast_->TokenizeInto(text, &fast_doc_).ok()) << where;
    EXPECT_TRUE(icu_->TokenizeInto(text, &icu_doc_).ok()) << where;
    std::string diff = CompareDocs(text, fast_doc_, icu_doc_);
    EXPECT_EQ(diff, "") << where;
    return diff.empty();
  }

  // Checks every line of every file in `dir`; returns the ASCII bytes checked.
  uint64_t CheckCorpusDirectory(const std::string& dir, std::string_view suffix) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    EXPECT_FALSE(files.empty()) << dir;
    uint64_t ascii_bytes = 0;
    int failures = 0;
    for (const fs::path& path : files) {
      const std::string contents = testing::ReadFile(path.string());
      size_t line_number = 0;
      for (absl::string_view line : absl::StrSplit(contents, '\n')) {
        ++line_number;
        std::string_view text = ToStd(line);
        if (!IsAscii(text) || FindInvalidUtf8(text) != std::string_view::npos) continue;
        ascii_bytes += text.size();
        std::string where = absl::StrCat(path.string(), ":", line_number);
        if (!CheckSegments(text, where) || !CheckTokens(text, where)) {
          if (++failures >= 10) return ascii_bytes;
        }
      }
    }
    return ascii_bytes;
  }

  std::unique_ptr<Tokenizer> fast_, icu_;
  std::vector<Span> fast_spans_, icu_spans_;
  TokenizedDoc fast_doc_, icu_doc_;
};

TEST_F(FastPathDiffTest, GutenbergEveryLine) {
  std::string dir;
  WL_REQUIRE_DATA(dir, "english_gutenberg_nltk");
  uint64_t bytes = CheckCorpusDirectory(dir, ".txt");
  EXPECT_GT(bytes, 5'000'000u);  // the corpus really was read
}

TEST_F(FastPathDiffTest, ReutersEveryLine) {
  std::string dir;
  WL_REQUIRE_DATA(dir, "reuters21578");
  uint64_t bytes = CheckCorpusDirectory(dir, ".sgm");
  EXPECT_GT(bytes, 15'000'000u);
}

// Hand-picked strings where ASCII word-break rules are subtle.
TEST_F(FastPathDiffTest, NamedCases) {
  const std::vector<std::string> cases = {
      "a.b", "a.b.c", "1,000", "1,000.50", "3.14", "a:b", "3:4", "3;4", "a;b", "x_y", "_x_",
      "__init__", "'a'", "a'b", "can't", "rock 'n' roll", "a..b", "1..2", "e.g.", "i.e.,",
      "U.S.", "U.S.A.", "a.1", "1.a", "a1.b2", "1a,2b", "a,b", "1'000", "a'1", "1'a",
      "a-b", "1-2", "a/b", "a@b.c", "#hashtag", "$100", "100%", "+1", "-1", "1e10", "0x1F",
      "a\tb", "a\r\nb", "a\rb", "a\nb", "\x01" "a\x02", "a\x7f" "b", "a\x0b" "b", "a\x0c" "b",
      "...", "--", "!?", "\"quoted\"", "(paren)", "[x]", "{y}", "<tag>", "a&b", "a*b",
      "a=b", "a^b", "a`b", "a|b", "a~b", "a\\b", "a?b", "a!b", "1.", ".1", ",1", "1,",
      "a.", ".a", "'", "''", "a''b", "a'.b", "a.'b", "1.,2", "1,.2", "1_000", "a_1", "_1_a",
      "Mr. Smith's dog", "It's 5:30 p.m. on 3/4/2024, isn't it?", "  leading", "trailing  ",
      "", " ", "\t\r\n", "http://example.com/a.b?c=d", "mail me: a.b@example.org.",
  };
  for (const std::string& text : cases) {
    CheckSegments(text, absl::StrCat("\"", Escape(text), "\""));
    CheckTokens(text, absl::StrCat("\"", Escape(text), "\""));
  }
}

// Every string of 1 to 3 ASCII characters, and of 4 and 5 characters over
// the characters that take part in joining rules, each tested in context:
// they are joined with spaces (no UAX #29 rule looks across a space), so a
// few big texts cover millions of cases.
TEST_F(FastPathDiffTest, AllShortAsciiCombinations) {
  std::string all;
  for (int c = 0; c < 128; ++c) all.push_back(static_cast<char>(c));
  const std::string joiners = "aZ19_.,;:'\"-@/ \t\r\n\x01";
  struct Set {
    std::string alphabet;
    int length;
  };
  const std::vector<Set> sets = {{all, 1}, {all, 2}, {all, 3}, {joiners, 4}, {"a1_.,;:' ", 5}};
  for (const Set& set : sets) {
    const size_t k = set.alphabet.size();
    size_t total = 1;
    for (int i = 0; i < set.length; ++i) total *= k;
    std::string text;
    text.reserve(total * (set.length + 1));
    for (size_t n = 0; n < total; ++n) {
      size_t x = n;
      for (int i = 0; i < set.length; ++i, x /= k) text.push_back(set.alphabet[x % k]);
      text.push_back(' ');
    }
    const std::string where = absl::StrCat("strings of length ", set.length);
    if (!CheckSegments(text, where)) continue;
    CheckTokens(text, where);
  }
}

// A long text mixing corpus-like prose with every punctuation character
// between letters and digits, segmented as one text (chunked internally).
TEST_F(FastPathDiffTest, PunctuationBetweenLettersAndDigits) {
  const std::string operands[] = {"a", "Ab", "x1", "1", "12", "_", "a_", "1_"};
  std::string text;
  for (int c = 0x21; c < 0x7F; ++c) {
    if (std::isalnum(c)) continue;
    for (const std::string& left : operands) {
      for (const std::string& right : operands) {
        absl::StrAppend(&text, left, std::string(1, static_cast<char>(c)), right, " ");
        absl::StrAppend(&text, left, std::string(2, static_cast<char>(c)), right, "\t");
        absl::StrAppend(&text, left, std::string(1, static_cast<char>(c)), right, ".", right,
                        "\r\n");
      }
    }
  }
  CheckSegments(text, "punctuation matrix");
  CheckTokens(text, "punctuation matrix");
}

}  // namespace
}  // namespace wordloom::nlp
