// Keyphrase quality on Inspec (Hulth 2003) dev, uncontrolled keys, exact
// match after Porter stemming, idf from the train abstracts. The floor is
// plain TF-IDF over stopword-delimited 1-3-grams (ANCHORS.md: F1@5 0.167,
// F1@10 0.186 on the test split); wordloom measured 0.210 / 0.251 on dev.
#include "nlp/analyze/keyphrases/keyphrase_eval.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

TEST(KeyphraseEvalTest, InspecDevAboveThePlainTfidfFloor) {
  std::string readme;
  WL_REQUIRE_DATA(readme, "keyphrase_inspec_hulth2003/README.txt");
  const std::string root = readme.substr(0, readme.size() - std::string("/README.txt").size());
  auto dev = ReadHulthDirectory(root + "/dev");
  auto train = ReadHulthDirectory(root + "/train");
  ASSERT_TRUE(dev.ok()) << dev.status();
  ASSERT_TRUE(train.ok()) << train.status();
  ASSERT_EQ(dev->size(), 500u);
  std::vector<std::string> texts;
  for (const auto& a : *train) texts.push_back(a.text);
  auto background = BackgroundFromTexts(texts);
  ASSERT_TRUE(background.ok());
  auto extractor = KeyphraseExtractor::Create({}, *background);
  ASSERT_TRUE(extractor.ok());
  auto e = EvaluateKeyphrases(**extractor, *dev);
  ASSERT_TRUE(e.ok()) << e.status();
  RecordProperty("f1_at_5", std::to_string(e->at5.f1));
  RecordProperty("f1_at_10", std::to_string(e->at10.f1));
  EXPECT_GE(e->at5.f1, 0.19);
  EXPECT_GE(e->at10.f1, 0.23);
  EXPECT_GT(e->at10.recall, e->at5.recall);
}

TEST(KeyphraseEvalTest, ScoresAHandMadeDirectory) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/1.abstr", "Graph colouring heuristics\nWe study graph colouring heuristics.");
  testing::WriteFile(dir + "/1.uncontr", "graph colouring heuristic;\n\tnonexistent phrase");
  auto data = ReadHulthDirectory(dir);
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ((*data)[0].gold.size(), 2u);
  auto extractor = KeyphraseExtractor::Create({.max_phrases = 1}, nullptr);
  ASSERT_TRUE(extractor.ok());
  auto e = EvaluateKeyphrases(**extractor, *data);
  ASSERT_TRUE(e.ok());
  // One prediction, "Graph colouring heuristics", matches one of two gold
  // phrases after stemming: P = 1, R = 0.5, F1 = 2/3.
  EXPECT_DOUBLE_EQ(e->at5.precision, 1.0);
  EXPECT_DOUBLE_EQ(e->at5.recall, 0.5);
  EXPECT_NEAR(e->at5.f1, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(ReadHulthDirectory(dir + "/missing").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace wordloom::nlp
