#include "nlp/analyze/keyphrases/keyphrase_extractor.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlp/analyze/keyphrases/keyphrase_eval.h"

namespace wordloom::nlp {
namespace {

using ::testing::Contains;
using ::testing::Field;

constexpr char kText[] =
    "Neural networks for keyphrase extraction\n"
    "We train neural networks on scientific abstracts. The neural network model "
    "ranks candidate phrases, and keyphrase extraction improves. Results: 42 abstracts.";

std::unique_ptr<KeyphraseExtractor> Make(const KeyphraseOptions& o,
                                         std::shared_ptr<const Vocabulary> background = nullptr) {
  auto e = KeyphraseExtractor::Create(o, std::move(background));
  EXPECT_TRUE(e.ok()) << e.status();
  return e.ok() ? std::move(*e) : nullptr;
}

TEST(KeyphraseExtractorTest, OffsetsScoresAndShape) {
  auto e = Make({});
  auto phrases = e->Extract(kText);
  ASSERT_TRUE(phrases.ok()) << phrases.status();
  ASSERT_FALSE(phrases->empty());
  EXPECT_LE(phrases->size(), 10u);
  const std::string_view text = kText;
  EXPECT_DOUBLE_EQ(phrases->front().score, 1.0);
  double last = 2;
  for (const KeyPhrase& p : *phrases) {
    EXPECT_EQ(text.substr(p.first.begin, p.first.end - p.first.begin), p.text);
    EXPECT_GT(p.score, 0);
    EXPECT_LE(p.score, last);
    last = p.score;
    EXPECT_EQ(p.occurrences.front(), p.first);
    for (const Span& s : p.occurrences) EXPECT_LT(s.begin, s.end);
    // No stopword, punctuation or number inside a phrase.
    for (std::string_view bad : {" for ", " on ", ".", ",", "42", " the ", "\n"}) {
      EXPECT_EQ(p.text.find(bad), std::string::npos) << p.text;
    }
  }
  // Inflections merge by stem: "neural networks" / "neural network" is one
  // phrase with its three occurrences.
  const auto it = std::find_if(phrases->begin(), phrases->end(),
                               [](const KeyPhrase& p) { return p.text == "Neural networks"; });
  ASSERT_NE(it, phrases->end());
  EXPECT_EQ(it->occurrences.size(), 3u);
  EXPECT_THAT(*phrases, Contains(Field(&KeyPhrase::text, "keyphrase extraction")));
}

TEST(KeyphraseExtractorTest, BackgroundIdfDemotesCommonWords) {
  // A background where "networks"/"neural" are in every document.
  std::vector<std::string> docs(20, "neural networks everywhere");
  docs.push_back("keyphrase extraction");
  auto background = BackgroundFromTexts(docs);
  ASSERT_TRUE(background.ok());
  KeyphraseOptions o;
  o.max_phrases = 1;
  o.max_words = 2;
  auto plain = Make(o)->Extract(kText);
  auto with_bg = Make(o, *background)->Extract(kText);
  ASSERT_TRUE(plain.ok() && with_bg.ok());
  EXPECT_EQ(plain->front().text, "Neural networks");
  EXPECT_EQ(with_bg->front().text, "keyphrase extraction");
}

TEST(KeyphraseExtractorTest, PhraseLengthLimitsAndBadInput) {
  KeyphraseOptions o;
  o.min_words = 2;
  o.max_words = 2;
  o.max_phrases = 0;
  auto phrases = Make(o)->Extract(kText);
  ASSERT_TRUE(phrases.ok());
  for (const KeyPhrase& p : *phrases) {
    EXPECT_EQ(std::count(p.text.begin(), p.text.end(), ' '), 1) << p.text;
  }
  EXPECT_FALSE(KeyphraseExtractor::Create({.min_words = 3, .max_words = 2}, nullptr).ok());
  auto e = Make({});
  auto bad = e->Extract("valid \xff invalid");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  auto empty = e->Extract("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(KeyphraseExtractorTest, GluedHyphenJoinsWords) {
  KeyphraseOptions o;
  o.drop_contained = false;
  o.max_phrases = 0;
  auto phrases = Make(o)->Extract("High-resolution methods. Low resolution, again.");
  ASSERT_TRUE(phrases.ok());
  EXPECT_THAT(*phrases, Contains(Field(&KeyPhrase::text, "High-resolution methods")));
  EXPECT_THAT(*phrases, Contains(Field(&KeyPhrase::text, "High-resolution")));
  // ", " is not glued: "resolution again" is not a phrase.
  for (const KeyPhrase& p : *phrases) EXPECT_NE(p.text, "resolution, again");
}

}  // namespace
}  // namespace wordloom::nlp
