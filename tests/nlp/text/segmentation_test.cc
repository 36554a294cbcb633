// Word and sentence segmentation on real text in nine languages (UDHR
// translations) and on hand-written cases: spaced scripts give one word per
// whitespace-separated piece, Chinese, Japanese and Thai are split by ICU's
// dictionaries, offsets always round-trip to the original bytes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/strings.h"
#include "gmock/gmock.h"
#include "nlp/text/tokenizer.h"
#include "tests/nlp/text/token_checks.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

using ::testing::ElementsAre;

std::unique_ptr<Tokenizer> MakeTokenizer(TokenizerOptions options = {}) {
  auto tokenizer = Tokenizer::Create(options);
  EXPECT_TRUE(tokenizer.ok()) << tokenizer.status();
  return tokenizer.ok() ? std::move(*tokenizer) : nullptr;
}

// Raw token texts.
std::vector<std::string> Raw(std::string_view text, const TokenizedDoc& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

std::vector<std::string> Words(const Tokenizer& tokenizer, std::string_view text) {
  auto doc = tokenizer.Tokenize(text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  if (!doc.ok()) return {};
  ExpectTokenInvariants(text, *doc, tokenizer, std::string(text));
  return Raw(text, *doc);
}

struct LanguageStats {
  size_t lines = 0;
  size_t pieces = 0;        // whitespace-separated pieces
  size_t word_tokens = 0;   // tokens of class kWord
  size_t word_code_points = 0;
  size_t sentences = 0;
};

// Tokenizes and sentence-splits every line of a UDHR file, checking the
// invariants; returns counts for per-script checks.
LanguageStats CheckUdhrFile(const std::string& path) {
  auto tokenizer = MakeTokenizer();
  LanguageStats stats;
  const std::string contents = testing::ReadFile(path);
  EXPECT_FALSE(contents.empty()) << path;
  size_t line_number = 0;
  for (absl::string_view line_view : absl::StrSplit(contents, '\n', absl::SkipEmpty())) {
    std::string_view line = ToStd(line_view);
    const std::string where = absl::StrCat(path, ":", ++line_number);
    ++stats.lines;
    for (absl::string_view piece :
         absl::StrSplit(line_view, absl::ByAnyChar(" \t"), absl::SkipEmpty())) {
      (void)piece;
      ++stats.pieces;
    }
    auto doc = tokenizer->Tokenize(line);
    EXPECT_TRUE(doc.ok()) << where << ": " << doc.status();
    if (!doc.ok()) continue;
    ExpectTokenInvariants(line, *doc, *tokenizer, where);
    for (const Token& t : doc->tokens) {
      if (t.kind != TokenClass::kWord) continue;
      ++stats.word_tokens;
      stats.word_code_points += CodePoints(line.substr(t.begin, t.end - t.begin)).size();
    }
    // Sentences: ordered, trimmed, non-overlapping, and every token lies in one.
    auto sentences = tokenizer->SplitSentences(line);
    EXPECT_TRUE(sentences.ok()) << where;
    if (!sentences.ok()) continue;
    EXPECT_FALSE(sentences->empty()) << where;
    stats.sentences += sentences->size();
    uint64_t previous_end = 0;
    for (const Span& s : *sentences) {
      EXPECT_LT(s.begin, s.end) << where;
      EXPECT_GE(s.begin, previous_end) << where;
      EXPECT_LE(s.end, line.size()) << where;
      EXPECT_NE(line[s.begin], ' ') << where;
      EXPECT_NE(line[s.end - 1], ' ') << where;
      previous_end = s.end;
    }
    size_t k = 0;
    for (const Token& t : doc->tokens) {
      while (k < sentences->size() && (*sentences)[k].end <= t.begin) ++k;
      if (k >= sentences->size()) {
        ADD_FAILURE() << where << ": token after the last sentence";
        break;
      }
      EXPECT_GE(t.begin, (*sentences)[k].begin) << where;
      EXPECT_LE(t.end, (*sentences)[k].end) << where;
    }
  }
  return stats;
}

class UdhrTest : public ::testing::TestWithParam<std::string> {};

TEST_P(UdhrTest, SegmentsWithRoundTripOffsets) {
  std::string path;
  WL_REQUIRE_DATA(path, absl::StrCat("udhr_multilingual/", GetParam(), ".txt"));
  LanguageStats stats = CheckUdhrFile(path);
  ASSERT_GT(stats.lines, 50u);
  ASSERT_GT(stats.word_tokens, 0u);
  const double per_piece = static_cast<double>(stats.word_tokens) / stats.pieces;
  const double mean_length = static_cast<double>(stats.word_code_points) / stats.word_tokens;
  const std::string lang = GetParam();
  if (lang == "cmn_hans" || lang == "jpn") {
    // No spaces at all: the dictionary must cut lines into short words,
    // not give one token per clause.
    EXPECT_GT(stats.word_tokens, 10 * stats.lines) << lang;
    EXPECT_LT(mean_length, 3.0) << lang;
  } else if (lang == "tha") {
    // Thai spaces separate phrases; words inside them come from the dictionary.
    EXPECT_GT(per_piece, 3.0) << lang;
    EXPECT_LT(mean_length, 6.0) << lang;
  } else {
    // Spaced scripts: about one word per piece (a little more for
    // punctuation-joined pieces such as "l’homme," or "1948").
    EXPECT_GT(per_piece, 0.85) << lang;
    EXPECT_LT(per_piece, 1.3) << lang;
  }
  EXPECT_GE(stats.sentences, stats.lines) << lang;
}

INSTANTIATE_TEST_SUITE_P(Languages, UdhrTest,
                         ::testing::Values("eng", "deu_1996", "fra", "rus", "arb", "hin",
                                           "cmn_hans", "jpn", "tha"));

TEST(SegmentationTest, English) {
  auto tokenizer = MakeTokenizer();
  EXPECT_THAT(Words(*tokenizer, "Everyone has the right to life, liberty and security."),
              ElementsAre("Everyone", "has", "the", "right", "to", "life", ",", "liberty", "and",
                          "security", "."));
  EXPECT_THAT(Words(*tokenizer, "Don't stop: it's 5:30 (e.g. U.S.)"),
              ElementsAre("Don't", "stop", ":", "it's", "5", ":", "30", "(", "e.g", ".", "U.S",
                          ".", ")"));
}

TEST(SegmentationTest, GermanFrenchRussian) {
  auto tokenizer = MakeTokenizer();
  EXPECT_THAT(Words(*tokenizer, "Die Würde des Menschen ist unantastbar."),
              ElementsAre("Die", "Würde", "des", "Menschen", "ist", "unantastbar", "."));
  EXPECT_THAT(Words(*tokenizer, "Déclaration des droits de l\u2019homme"),
              ElementsAre("Déclaration", "des", "droits", "de", "l\u2019homme"));
  EXPECT_THAT(Words(*tokenizer, "Все люди рождаются свободными."),
              ElementsAre("Все", "люди", "рождаются", "свободными", "."));
}

TEST(SegmentationTest, ArabicAndHindiKeepCombiningMarks) {
  auto tokenizer = MakeTokenizer();
  EXPECT_THAT(Words(*tokenizer, "الإعلان العالمي لحقوق الإنسان"),
              ElementsAre("الإعلان", "العالمي", "لحقوق", "الإنسان"));
  EXPECT_THAT(Words(*tokenizer, "मानव अधिकारों की सार्वभौम घोषणा"),
              ElementsAre("मानव", "अधिकारों", "की", "सार्वभौम", "घोषणा"));
}

TEST(SegmentationTest, ChineseIsSplitByDictionary) {
  auto tokenizer = MakeTokenizer();
  const std::string text = "我爱北京天安门";
  std::vector<std::string> words = Words(*tokenizer, text);
  EXPECT_GE(words.size(), 3u);
  EXPECT_THAT(words, ::testing::Contains("北京"));
  EXPECT_EQ(absl::StrJoin(words, ""), text);
  // Chinese punctuation is its own token.
  EXPECT_THAT(Words(*tokenizer, "人人生而自由。"), ::testing::Contains("。"));
}

TEST(SegmentationTest, JapaneseMixesScripts) {
  auto tokenizer = MakeTokenizer();
  const std::string text = "東京タワーに行きました";
  std::vector<std::string> words = Words(*tokenizer, text);
  // ICU 72's dictionary keeps the compound 東京タワー whole; older ICUs split
  // it. Either way kanji, katakana and hiragana runs are separate words.
  EXPECT_GE(words.size(), 4u);
  EXPECT_THAT(words[0], ::testing::StartsWith("東京"));
  EXPECT_THAT(words, ::testing::Contains("に"));
  EXPECT_THAT(words, ::testing::Contains("行き"));
  EXPECT_EQ(absl::StrJoin(words, ""), text);
}

TEST(SegmentationTest, ThaiIsSplitByDictionary) {
  auto tokenizer = MakeTokenizer();
  const std::string text = "สวัสดีครับ ผมชอบกินข้าว";
  std::vector<std::string> words = Words(*tokenizer, text);
  EXPECT_GE(words.size(), 5u);  // not one token per space-separated phrase
  EXPECT_THAT(words, ::testing::Contains("สวัสดี"));
  EXPECT_THAT(words, ::testing::Contains("ข้าว"));
  EXPECT_EQ(absl::StrJoin(words, ""), "สวัสดีครับผมชอบกินข้าว");
}

TEST(SentenceTest, SplitsAndTrims) {
  auto tokenizer = MakeTokenizer();
  const std::string text = "  Hello world.  How are you?\tFine! ";
  auto sentences = tokenizer->SplitSentences(text);
  ASSERT_TRUE(sentences.ok());
  std::vector<std::string> got;
  for (const Span& s : *sentences) got.emplace_back(text.substr(s.begin, s.end - s.begin));
  EXPECT_THAT(got, ElementsAre("Hello world.", "How are you?", "Fine!"));
  EXPECT_EQ((*sentences)[0].begin, 2u);
}

TEST(SentenceTest, ChineseAndJapanese) {
  auto tokenizer = MakeTokenizer();
  const std::string zh = "人人生而自由。在尊严和权利上一律平等！";
  auto s = tokenizer->SplitSentences(zh);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ(zh.substr((*s)[0].begin, (*s)[0].end - (*s)[0].begin), "人人生而自由。");
  const std::string ja = "今日は晴れです。明日は雨でしょう。";
  auto j = tokenizer->SplitSentences(ja);
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->size(), 2u);
}

TEST(SentenceTest, EmptyAndBlank) {
  auto tokenizer = MakeTokenizer();
  auto empty = tokenizer->SplitSentences("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto blank = tokenizer->SplitSentences(" \t\n ");
  ASSERT_TRUE(blank.ok());
  EXPECT_TRUE(blank->empty());
}

TEST(SentenceTest, InvalidUtf8) {
  auto tokenizer = MakeTokenizer();
  auto bad = tokenizer->SplitSentences("One. Two\xC0 three.");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("byte 8"), absl::string_view::npos) << bad.status();
}

}  // namespace
}  // namespace wordloom::nlp
