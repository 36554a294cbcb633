// Tests for Tokenizer: token classes, punctuation and stopword removal,
// ill-formed UTF-8 under both policies, empty input, chunking of long texts
// and concurrent use.
#include "nlp/text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "tests/nlp/text/token_checks.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

std::unique_ptr<Tokenizer> MakeTokenizer(TokenizerOptions options = {}) {
  auto tokenizer = Tokenizer::Create(options);
  EXPECT_TRUE(tokenizer.ok()) << tokenizer.status();
  return tokenizer.ok() ? std::move(*tokenizer) : nullptr;
}

// (raw text, class name) of each token.
std::vector<std::pair<std::string, std::string>> Classes(const Tokenizer& tokenizer,
                                                         std::string_view text) {
  auto doc = tokenizer.Tokenize(text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  if (!doc.ok()) return {};
  ExpectTokenInvariants(text, *doc, tokenizer, std::string(text));
  std::vector<std::pair<std::string, std::string>> out;
  for (const Token& t : doc->tokens) {
    out.emplace_back(text.substr(t.begin, t.end - t.begin), TokenClassName(t.kind));
  }
  return out;
}

std::vector<std::string> Normalized(const Tokenizer& tokenizer, std::string_view text) {
  auto doc = tokenizer.Tokenize(text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  if (!doc.ok()) return {};
  std::vector<std::string> out;
  for (const Token& t : doc->tokens) out.emplace_back(doc->Normalized(t));
  return out;
}

TEST(TokenizerTest, WordsNumbersPunctuationSymbols) {
  auto tokenizer = MakeTokenizer();
  EXPECT_THAT(Classes(*tokenizer, "It's 3,000.50 dollars + 5% (approx.) \u00A7 \u20AC"),
              ElementsAre(Pair("It's", "word"), Pair("3,000.50", "number"),
                          Pair("dollars", "word"), Pair("+", "symbol"), Pair("5", "number"),
                          Pair("%", "punct"), Pair("(", "punct"), Pair("approx", "word"),
                          Pair(".", "punct"), Pair(")", "punct"), Pair("\u00A7", "punct"),
                          Pair("\u20AC", "symbol")));
  EXPECT_THAT(Normalized(*tokenizer, "The QUICK Fox"), ElementsAre("the", "quick", "fox"));
}

TEST(TokenizerTest, Emoji) {
  auto tokenizer = MakeTokenizer();
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";  // ZWJ sequence
  const std::string thumbs = "\U0001F44D\U0001F3FD";                          // skin tone
  const std::string flag = "\U0001F1EF\U0001F1F5";                            // JP flag
  const std::string heart = "\u2764\uFE0F";                                   // with VS16
  const std::string keycap = "1\uFE0F\u20E3";
  EXPECT_THAT(Classes(*tokenizer, absl::StrCat("hi ", family, " ", thumbs, flag, " ", heart,
                                               " ", keycap, "\U0001F600\U0001F600")),
              ElementsAre(Pair("hi", "word"), Pair(family, "emoji"), Pair(thumbs, "emoji"),
                          Pair(flag, "emoji"), Pair(heart, "emoji"), Pair(keycap, "emoji"),
                          Pair("\U0001F600", "emoji"), Pair("\U0001F600", "emoji")));
  // Two flags in a row are two tokens (regional indicators pair up).
  EXPECT_THAT(Classes(*tokenizer, "\U0001F1EF\U0001F1F5\U0001F1EB\U0001F1F7"),
              ElementsAre(Pair(flag, "emoji"), Pair("\U0001F1EB\U0001F1F7", "emoji")));
}

TEST(TokenizerTest, UrlsAndEmails) {
  auto tokenizer = MakeTokenizer();
  const std::string text =
      "See https://Example.com/A/b?x=1&y=2, or www.wordloom.org. Mail John.Doe@Example.org!";
  EXPECT_THAT(Classes(*tokenizer, text),
              ElementsAre(Pair("See", "word"), Pair("https://Example.com/A/b?x=1&y=2", "url"),
                          Pair(",", "punct"), Pair("or", "word"),
                          Pair("www.wordloom.org", "url"), Pair(".", "punct"),
                          Pair("Mail", "word"), Pair("John.Doe@Example.org", "email"),
                          Pair("!", "punct")));
  // URLs and e-mail addresses keep their case.
  EXPECT_THAT(Normalized(*tokenizer, "HTTP://A.B/C x@Y.org"),
              ElementsAre("HTTP://A.B/C", "x@Y.org"));
  // Off: segmented as ordinary text.
  TokenizerOptions options;
  options.detect_urls_emails = false;
  auto plain = MakeTokenizer(options);
  EXPECT_GT(Classes(*plain, "https://example.com/a").size(), 1u);
}

TEST(TokenizerTest, DropPunctuation) {
  TokenizerOptions options;
  options.keep_punctuation = false;
  auto tokenizer = MakeTokenizer(options);
  EXPECT_THAT(Normalized(*tokenizer, "Hello, world! 1 + 2 = 3 \U0001F600 ..."),
              ElementsAre("hello", "world", "1", "2", "3", "\U0001F600"));
}

TEST(TokenizerTest, StopwordsBuiltIn) {
  TokenizerOptions options;
  options.remove_stopwords = true;
  auto en = MakeTokenizer(options);
  EXPECT_THAT(Normalized(*en, "The cat and THE hat are on a mat"),
              ElementsAre("cat", "hat", "mat"));
  options.stopwords_language = "de";
  auto de = MakeTokenizer(options);
  EXPECT_THAT(Normalized(*de, "Der Hund und die Katze"), ElementsAre("hund", "katze"));
  options.stopwords_language = "xx";
  auto unknown = Tokenizer::Create(options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
}

TEST(TokenizerTest, StopwordsFromFile) {
  const std::string path = testing::TempDir() + "/stop.txt";
  testing::WriteFile(path, "# my list\nCat\n\nhat\n");
  TokenizerOptions options;
  options.remove_stopwords = true;
  options.stopwords_file = path;
  auto tokenizer = MakeTokenizer(options);
  EXPECT_THAT(Normalized(*tokenizer, "The cat and the HAT"), ElementsAre("the", "and", "the"));
  options.stopwords_file = path + ".missing";
  EXPECT_EQ(Tokenizer::Create(options).status().code(), absl::StatusCode::kNotFound);
}

TEST(TokenizerTest, EmptyAndBlankInput) {
  auto tokenizer = MakeTokenizer();
  for (std::string_view text : {"", " ", "\t\r\n", "\u00A0\u3000", "\u200B"}) {
    auto doc = tokenizer->Tokenize(text);
    ASSERT_TRUE(doc.ok()) << doc.status();
    EXPECT_TRUE(doc->tokens.empty()) << "\"" << text << "\"";
    EXPECT_TRUE(doc->normalized.empty());
  }
}

TEST(TokenizerTest, InvalidUtf8ErrorNamesByteOffset) {
  auto tokenizer = MakeTokenizer();
  struct Case {
    std::string text;
    size_t byte;
  };
  for (const Case& c : std::vector<Case>{{"abc \xFF def", 4},
                                         {"\xC0\xAF", 0},                 // overlong '/'
                                         {"ok \xED\xA0\x80", 3},          // surrogate
                                         {"caf\xC3", 3},                  // truncated
                                         {"na\xC3\xAFve \x80", 7}}) {    // lone continuation
    auto doc = tokenizer->Tokenize(c.text);
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(doc.status().message().find(absl::StrCat("byte ", c.byte)), absl::string_view::npos)
        << doc.status();
  }
}

TEST(TokenizerTest, InvalidUtf8ReplacedOffsetsStayInOriginal) {
  TokenizerOptions options;
  options.normalizer.invalid_utf8 = InvalidUtf8Policy::kReplace;
  auto tokenizer = MakeTokenizer(options);
  const std::string text = "abc \xFF def caf\xC3 X";
  auto doc = tokenizer->Tokenize(text);
  ASSERT_TRUE(doc.ok()) << doc.status();
  ExpectTokenInvariants(text, *doc, *tokenizer, "replace");
  std::vector<std::pair<std::string, std::string>> got;
  for (const Token& t : doc->tokens) {
    got.emplace_back(text.substr(t.begin, t.end - t.begin), doc->Normalized(t));
  }
  EXPECT_THAT(got, ElementsAre(Pair("abc", "abc"), Pair("\xFF", "\uFFFD"), Pair("def", "def"),
                               Pair("caf", "caf"), Pair("\xC3", "\uFFFD"), Pair("X", "x")));
  EXPECT_EQ(doc->tokens[2].begin, 6u);
  EXPECT_EQ(doc->tokens[5].begin, 15u);
}

TEST(TokenizerTest, TokenizeIntoClearsDoc) {
  auto tokenizer = MakeTokenizer();
  TokenizedDoc doc;
  ASSERT_TRUE(tokenizer->TokenizeInto("one two three", &doc).ok());
  ASSERT_TRUE(tokenizer->TokenizeInto("four", &doc).ok());
  ASSERT_EQ(doc.tokens.size(), 1u);
  EXPECT_EQ(doc.Normalized(doc.tokens[0]), "four");
  EXPECT_EQ(doc.normalized, "four");
}

// A long single line built from words, numbers, punctuation and some
// non-ASCII text, about `size` bytes.
std::string LongLine(size_t size) {
  const std::vector<std::string> words = {"alpha", "Beta,", "gamma.", "3,000.50", "d'Artagnan",
                                          "e.g.", "naïve", "café!", "東京タワー", "x_y", "(z)",
                                          "mail@example.org", "https://a.b/c", "Straße"};
  std::string text;
  text.reserve(size + 32);
  for (size_t i = 0; text.size() < size; ++i) {
    text += words[(i * 7 + i / 13) % words.size()];
    text += (i % 17 == 0) ? "\t" : " ";
  }
  return text;
}

TEST(TokenizerTest, LongLineChunksGiveSameTokensAsOneChunk) {
  const std::string text = LongLine(5 << 20);
  TokenizerOptions whole_options;
  whole_options.chunk_bytes = 64 << 20;  // one chunk
  auto whole = MakeTokenizer(whole_options);
  auto chunked = MakeTokenizer();  // 1 MB chunks
  auto expected = whole->Tokenize(text);
  auto got = chunked->Tokenize(text);
  ASSERT_TRUE(expected.ok() && got.ok());
  ASSERT_GT(got->tokens.size(), 500000u);
  ASSERT_EQ(got->tokens.size(), expected->tokens.size());
  for (size_t i = 0; i < got->tokens.size(); ++i) {
    const Token& a = got->tokens[i];
    const Token& b = expected->tokens[i];
    ASSERT_TRUE(a.begin == b.begin && a.end == b.end && a.kind == b.kind &&
                got->Normalized(a) == expected->Normalized(b))
        << "token " << i << " at byte " << a.begin;
  }
  ExpectTokenInvariants(text, *got, *chunked, "5 MB line");
  // Small chunks too.
  TokenizerOptions small_options;
  small_options.chunk_bytes = 4096;
  auto small = MakeTokenizer(small_options);
  const std::string head = text.substr(0, 200000);
  auto small_doc = small->Tokenize(head);
  auto whole_doc = whole->Tokenize(head);
  ASSERT_TRUE(small_doc.ok() && whole_doc.ok());
  EXPECT_EQ(small_doc->normalized, whole_doc->normalized);
  EXPECT_EQ(small_doc->tokens.size(), whole_doc->tokens.size());
}

TEST(TokenizerTest, LongTextWithoutSpacesIsCutOnCodePoints) {
  std::string text;
  while (text.size() < (3 << 20)) text += "人人生而自由在尊严和权利上一律平等";
  auto tokenizer = MakeTokenizer();
  auto doc = tokenizer->Tokenize(text);
  ASSERT_TRUE(doc.ok());
  ExpectTokenInvariants(text, *doc, *tokenizer, "3 MB of Chinese");
  EXPECT_GT(doc->tokens.size(), 300000u);
}

TEST(ChunkBoundariesTest, CutsAfterWhitespaceOnCodePoints) {
  const std::string text = LongLine(100000);
  std::vector<size_t> ends = ChunkBoundaries(text, 1000);
  ASSERT_FALSE(ends.empty());
  EXPECT_EQ(ends.back(), text.size());
  size_t start = 0;
  for (size_t i = 0; i < ends.size(); ++i) {
    ASSERT_GT(ends[i], start);
    ASSERT_LE(ends[i] - start, 1000u);
    if (i + 1 < ends.size()) {
      EXPECT_GE(ends[i] - start, 750u);
      char before = text[ends[i] - 1];
      EXPECT_TRUE(before == ' ' || before == '\t') << "cut " << i << " after '" << before << "'";
    }
    start = ends[i];
  }
  std::string no_space;
  while (no_space.size() < 10000) no_space += "é東";
  start = 0;
  for (size_t end : ChunkBoundaries(no_space, 100)) {
    ASSERT_GT(end, start);
    if (end < no_space.size()) {
      EXPECT_NE(static_cast<uint8_t>(no_space[end]) & 0xC0, 0x80);
    }
    start = end;
  }
  EXPECT_EQ(ChunkBoundaries("", 100), std::vector<size_t>{0});
}

TEST(TokenizerTest, ConcurrentUseGivesSameTokens) {
  auto tokenizer = MakeTokenizer();
  const std::string text = LongLine(200000);
  auto expected = tokenizer->Tokenize(text);
  ASSERT_TRUE(expected.ok());
  std::vector<std::thread> threads;
  std::vector<std::string> results(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto doc = tokenizer->Tokenize(text);
      if (doc.ok()) results[t] = doc->normalized;
    });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string& r : results) EXPECT_EQ(r, expected->normalized);
}

}  // namespace
}  // namespace wordloom::nlp
