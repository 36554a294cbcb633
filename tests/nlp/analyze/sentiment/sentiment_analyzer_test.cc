#include "nlp/analyze/sentiment/sentiment_analyzer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/sentiment/sentiment_features.h"
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

// `words` pseudo-words drawn from a vocabulary of 300 (so many repeats),
// with clause punctuation and negators.
std::string RandomText(std::mt19937* rng, int words) {
  std::string text;
  for (int i = 0; i < words; ++i) {
    const int w = static_cast<int>((*rng)() % 300);
    if (!text.empty()) text += w % 17 == 0 ? ". " : (w % 13 == 0 ? " not " : " ");
    text += "w" + std::to_string(w);
  }
  return text;
}

// The model's probability is the sigmoid of the bias plus the weights of the
// distinct known features added in ascending hash order — exactly, bit for
// bit, whatever the analyzer does to find them. The model has over 2^16 keys
// with weights of very different magnitudes, so a different order or a
// repeated feature would change the low bits.
TEST(SentimentAnalyzerTest, ProbabilityIsTheOrderedSumOfDistinctKnownWeights) {
  auto tokenizer = nlp::Tokenizer::Create(SentimentTokenizerOptions());
  ASSERT_TRUE(tokenizer.ok());
  std::mt19937 rng(7);
  std::mt19937_64 rng64(11);
  std::vector<std::string> texts = {"w1", "w1 w2 w1 not w3", RandomText(&rng, 40)};
  for (int i = 0; i < 5; ++i) texts.push_back(RandomText(&rng, 800));
  SentimentModelData data;
  data.bias = 0.3;
  nlp::TokenizedDoc doc;
  std::vector<uint64_t> features;
  for (const std::string& text : texts) {
    ASSERT_TRUE(ExtractFeatures(**tokenizer, text, &doc, &features).ok());
    for (size_t i = 0; i < features.size(); i += 2) data.keys.push_back(features[i]);
  }
  for (int i = 0; i < 100000; ++i) data.keys.push_back(rng64());
  std::sort(data.keys.begin(), data.keys.end());
  data.keys.erase(std::unique(data.keys.begin(), data.keys.end()), data.keys.end());
  for (size_t i = 0; i < data.keys.size(); ++i) {
    const float unit = static_cast<float>(rng() % 2001) / 1000.0f - 1.0f;
    data.weights.push_back(std::ldexp(unit, static_cast<int>(rng() % 23) - 20));
  }
  auto model = SentimentAnalyzer::Create(data);
  ASSERT_TRUE(model.ok()) << model.status();
  for (const std::string& text : texts) {
    ASSERT_TRUE(ExtractFeatures(**tokenizer, text, &doc, &features).ok());
    double z = data.bias;
    size_t known = 0;
    for (uint64_t f : features) {
      auto it = std::lower_bound(data.keys.begin(), data.keys.end(), f);
      if (it == data.keys.end() || *it != f) continue;
      ++known;
      z += data.weights[it - data.keys.begin()];
    }
    ASSERT_GT(known, 0u);
    const double expected = 1.0 / (1.0 + std::exp(-z));
    auto p = (*model)->PositiveProbability(text);
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(*p, expected) << text.substr(0, 40);
    auto r = (*model)->Detect(text);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->known_features, known) << text.substr(0, 40);
    EXPECT_EQ(r->p_positive, expected) << text.substr(0, 40);
  }
}

}  // namespace
}  // namespace wordloom::analyze::sentiment
