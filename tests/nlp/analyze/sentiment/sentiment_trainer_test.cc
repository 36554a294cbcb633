#include "nlp/analyze/sentiment/sentiment_trainer.h"

#include <algorithm>
#include <string>

#include "gtest/gtest.h"
#include "nlp/analyze/sentiment/sentiment_features.h"
#include "tests/test_util.h"

namespace wordloom::analyze::sentiment {
namespace {

std::vector<uint64_t> Features(std::string_view text) {
  auto tokenizer = nlp::Tokenizer::Create(SentimentTokenizerOptions());
  EXPECT_TRUE(tokenizer.ok());
  nlp::TokenizedDoc doc;
  std::vector<uint64_t> out;
  EXPECT_TRUE(ExtractFeatures(**tokenizer, text, &doc, &out).ok());
  return out;
}

bool Contains(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  return std::includes(a.begin(), a.end(), b.begin(), b.end());
}

TEST(SentimentFeaturesTest, NegationScopeEndsAtPunctuation) {
  const auto good = Features("good");
  EXPECT_EQ(good.size(), 1u);
  EXPECT_FALSE(Contains(Features("not good"), good));
  EXPECT_FALSE(Contains(Features("it isn't good"), good));
  EXPECT_FALSE(Contains(Features("it is n't good"), good));
  EXPECT_TRUE(Contains(Features("not bad , good"), good));
  EXPECT_TRUE(Contains(Features("not bad but good"), good));
  EXPECT_TRUE(Contains(Features("Good"), good));  // case-folded
  const auto f = Features("good good film");
  EXPECT_TRUE(std::is_sorted(f.begin(), f.end()));
  EXPECT_EQ(std::adjacent_find(f.begin(), f.end()), f.end());
}

TEST(SentimentTrainerTest, RejectsUnusableTrainingSets) {
  EXPECT_EQ(TrainSentimentModel({}, {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TrainSentimentModel({{true, "a"}, {true, "b"}}, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto bad = TrainSentimentModel({{true, "a"}, {false, "b \xc3"}}, {});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(bad.status().message()).find("example 1"), std::string::npos);
}

TEST(SentimentReadersTest, ReadsFormatsAndFolds) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/sst", "1 a fine film\n0 a dull film\n1 fun\n");
  testing::WriteFile(dir + "/uci", "Great phone.\t1\nBroke in a day\t0\n");
  testing::WriteFile(dir + "/mr/rt-polarity.pos", "caf\xe9 charm\n");
  testing::WriteFile(dir + "/mr/rt-polarity.neg", "dull\nflat\n");
  auto sst = ReadSst(dir + "/sst", {});
  ASSERT_TRUE(sst.ok()) << sst.status();
  ASSERT_EQ(sst->size(), 3u);
  EXPECT_TRUE((*sst)[0].positive);
  EXPECT_EQ((*sst)[1].text, "a dull film");
  auto held = ReadSst(dir + "/sst", {.folds = 2, .fold = 1, .heldout = true});
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ((*held)[0].text, "a dull film");
  EXPECT_EQ(ReadSst(dir + "/sst", {.folds = 2, .fold = 1})->size(), 2u);
  auto uci = ReadUci(dir + "/uci", {});
  ASSERT_TRUE(uci.ok());
  EXPECT_EQ((*uci)[0].text, "Great phone.");
  EXPECT_FALSE((*uci)[1].positive);
  auto mr = ReadMr(dir + "/mr", {});
  ASSERT_TRUE(mr.ok());
  ASSERT_EQ(mr->size(), 3u);
  EXPECT_EQ((*mr)[0].text, "caf\xc3\xa9 charm");  // latin-1 -> UTF-8
}

TEST(SentimentReadersTest, NamesFileAndLineOfBadLabels) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/sst", "1 fine\n2 neutral\n");
  auto sst = ReadSst(dir + "/sst", {});
  EXPECT_EQ(sst.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(sst.status().message()).find("sst:2"), std::string::npos) << sst.status();
  testing::WriteFile(dir + "/uci", "no label here\n");
  EXPECT_EQ(ReadUci(dir + "/uci", {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadMr(dir + "/nowhere", {}).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace wordloom::analyze::sentiment
