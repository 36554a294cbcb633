#include "nlp/analyze/sentiment/sentiment_analyzer.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "nlp/analyze/sentiment/sentiment_trainer.h"
#include "tests/nlp/analyze/sentiment/sentiment_test_corpus.h"

namespace wordloom::analyze::sentiment {
namespace {

double Sum(const SentimentScore& s) { return s.positive + s.negative + s.neutral + s.mixed; }

std::unique_ptr<SentimentAnalyzer> TinyModel() {
  auto data = TrainSentimentModel(TinyCorpus(), {.epochs = 20, .learning_rate = 0.2});
  EXPECT_TRUE(data.ok()) << data.status();
  auto model = SentimentAnalyzer::Create(std::move(*data));
  EXPECT_TRUE(model.ok()) << model.status();
  return std::move(*model);
}

TEST(SentimentRuleTest, ScoresSumToOneAndFollowConfidence) {
  for (double p : {0.0, 0.1, 0.3, 0.5, 0.7, 0.95, 1.0}) {
    for (double m : {0.0, 0.4, 0.9}) {
      const SentimentScore s = ComposeScore(p, m, 2.0);
      EXPECT_NEAR(Sum(s), 1.0, 1e-12) << p << " " << m;
      EXPECT_GE(s.positive, 0);
      EXPECT_GE(s.negative, 0);
      EXPECT_GE(s.neutral, 0);
      EXPECT_DOUBLE_EQ(s.mixed, m);
    }
  }
  EXPECT_EQ(LabelOf(ComposeScore(0.5, 0, 2)), Sentiment::kNeutral);
  EXPECT_DOUBLE_EQ(ComposeScore(0.5, 0, 2).neutral, 1.0);
  EXPECT_EQ(LabelOf(ComposeScore(0.6, 0, 2)), Sentiment::kNeutral);
  EXPECT_EQ(LabelOf(ComposeScore(0.4, 0, 2)), Sentiment::kNeutral);
  EXPECT_EQ(LabelOf(ComposeScore(0.75, 0, 2)), Sentiment::kPositive);
  EXPECT_EQ(LabelOf(ComposeScore(0.25, 0, 2)), Sentiment::kNegative);
  EXPECT_EQ(LabelOf(ComposeScore(0.97, 0, 2)), Sentiment::kPositive);
  // NaN and out-of-range inputs still give a valid distribution.
  EXPECT_NEAR(Sum(ComposeScore(std::nan(""), 2.0, 2)), 1.0, 1e-12);
}

TEST(SentimentRuleTest, MixedNeedsConfidentDisagreement) {
  EXPECT_DOUBLE_EQ(MixedMass({0.99}), 0);  // one sentence is never mixed
  EXPECT_DOUBLE_EQ(MixedMass({0.9, 0.8}), 0);  // agreeing sentences
  EXPECT_NEAR(MixedMass({0.95, 0.05}), 0.9, 1e-12);
  EXPECT_NEAR(MixedMass({0.6, 0.45, 0.99}), 0.1, 1e-12);  // weak disagreement
  EXPECT_EQ(LabelOf(ComposeScore(0.5, MixedMass({0.95, 0.05}), 2)), Sentiment::kMixed);
  EXPECT_NE(LabelOf(ComposeScore(0.9, MixedMass({0.6, 0.45, 0.99}), 2)), Sentiment::kMixed);
}

TEST(SentimentAnalyzerTest, LearnsTinySeparableCorpus) {
  auto model = TinyModel();
  for (const SentimentExample& e : TinyCorpus()) {
    auto p = model->PositiveProbability(e.text);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(*p > 0.5, e.positive) << e.text;
  }
  auto good = model->Detect("What a wonderful hotel.");
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->sentiment, Sentiment::kPositive);
  EXPECT_NEAR(Sum(good->score), 1.0, 1e-9);
  auto bad = model->Detect("The music was dreadful.");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->sentiment, Sentiment::kNegative);
}

TEST(SentimentAnalyzerTest, DisagreeingSentencesAreMixed) {
  auto model = TinyModel();
  auto r = model->Detect("The food was superb. The service was awful.");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->sentences.size(), 2u);
  EXPECT_EQ(r->sentences[0].sentiment, Sentiment::kPositive);
  EXPECT_EQ(r->sentences[1].sentiment, Sentiment::kNegative);
  EXPECT_EQ(r->sentences[0].begin, 0u);
  EXPECT_EQ(r->sentences[1].begin, 21u);
  EXPECT_EQ(r->sentences[1].end, 43u);
  EXPECT_EQ(r->sentiment, Sentiment::kMixed);
  EXPECT_NEAR(Sum(r->score), 1.0, 1e-9);
}

TEST(SentimentAnalyzerTest, UnknownWordsAndEmojiAreNeutral) {
  auto model = TinyModel();
  for (const char* text : {"\xF0\x9F\x98\x80\xF0\x9F\x8E\x89", "Xyzzy plugh quux"}) {
    auto r = model->Detect(text);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->sentiment, Sentiment::kNeutral) << text;
    EXPECT_EQ(r->known_features, 0u);
    EXPECT_DOUBLE_EQ(r->score.neutral, 1.0);
  }
}

TEST(SentimentAnalyzerTest, RejectsBadInput) {
  auto model = TinyModel();
  EXPECT_EQ(model->Detect("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(model->Detect(" \n\t ").status().code(), absl::StatusCode::kInvalidArgument);
  auto invalid = model->Detect("good \xff film");
  EXPECT_EQ(invalid.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(invalid.status().message()).find("byte"), std::string::npos)
      << invalid.status();
  auto big = model->Detect(std::string(5001, 'a'));
  EXPECT_EQ(big.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(big.status().message()).find("over the limit"), std::string::npos);
  EXPECT_TRUE(model->Detect(std::string(5000, 'a')).ok());
}

}  // namespace
}  // namespace wordloom::analyze::sentiment
