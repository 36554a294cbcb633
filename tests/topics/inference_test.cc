#include "topics/inference.h"

#include <cmath>
#include <memory>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/topics/synthetic_corpus.h"

namespace wordloom::topics {
namespace {

using testing::MakeModel;

// Topic 0 is term "a", topic 1 is term "b", topic 2 is "c" and "d".
std::shared_ptr<const LdaModel> SeparatedModel() {
  return MakeModel({0.5, 0.25, 0.25}, 1e-6,
                   {{{0, 1000000}}, {{1, 1000000}}, {{2, 500000}}, {{2, 500000}}});
}

std::unique_ptr<TopicInferencer> Inferencer(std::shared_ptr<const LdaModel> model) {
  auto inferencer = TopicInferencer::Create(std::move(model));
  EXPECT_TRUE(inferencer.ok()) << inferencer.status();
  return std::move(*inferencer);
}

TEST(InferenceTest, DocumentWithoutKnownTokensGetsThePrior) {
  auto inferencer = Inferencer(SeparatedModel());
  for (const std::vector<int32_t>& ids : {std::vector<int32_t>{}, std::vector<int32_t>{-1, 4, 99}}) {
    const std::vector<double> theta = inferencer->InferIds(ids, {});
    ASSERT_EQ(theta.size(), 3u);
    EXPECT_DOUBLE_EQ(theta[0], 0.5);
    EXPECT_DOUBLE_EQ(theta[1], 0.25);
    EXPECT_DOUBLE_EQ(theta[2], 0.25);
  }
  auto detected = inferencer->DetectTopics("zzz, !!! 42", {});
  ASSERT_TRUE(detected.ok());
  EXPECT_EQ(detected->known_tokens, 0);
  ASSERT_FALSE(detected->topics.empty());
  EXPECT_EQ(detected->topics[0].topic, 0);
  EXPECT_DOUBLE_EQ(detected->topics[0].proportion, 0.5);
}

TEST(InferenceTest, SeparatedTopicsGiveTheExactPosterior) {
  auto inferencer = Inferencer(SeparatedModel());
  // Every token's topic is forced, so theta = (n_k + alpha_k) / (n + 1).
  const std::vector<double> theta = inferencer->InferIds(std::vector<int32_t>{0, 0, 0, 1, 2, 3, 3, 0}, {});
  EXPECT_NEAR(theta[0], (4 + 0.5) / 9.0, 1e-9);
  EXPECT_NEAR(theta[1], (1 + 0.25) / 9.0, 1e-9);
  EXPECT_NEAR(theta[2], (3 + 0.25) / 9.0, 1e-9);
}

TEST(InferenceTest, DetectTopicsTokenizesAndDescribes) {
  auto inferencer = Inferencer(SeparatedModel());
  DetectOptions options;
  options.max_topics = 2;
  options.terms_per_topic = 2;
  auto detected = inferencer->DetectTopics("A a, a! D c. unknown words b", options);
  ASSERT_TRUE(detected.ok()) << detected.status();
  EXPECT_EQ(detected->known_tokens, 6);
  ASSERT_EQ(detected->topics.size(), 2u);
  EXPECT_EQ(detected->topics[0].topic, 0);
  EXPECT_NEAR(detected->topics[0].proportion, 3.5 / 7, 1e-9);
  EXPECT_EQ(detected->topics[1].topic, 2);
  ASSERT_EQ(detected->topics[1].terms.size(), 2u);
  EXPECT_EQ(detected->topics[1].terms[0].first, "c");  // ties by term id
  EXPECT_EQ(detected->topics[1].terms[1].first, "d");
  EXPECT_NEAR(detected->topics[1].terms[0].second, 0.5, 1e-6);
  options.min_proportion = 0.6;
  detected = inferencer->DetectTopics("a b b", options);  // max 2.25 / 4
  ASSERT_TRUE(detected.ok());
  EXPECT_TRUE(detected->topics.empty());
}

TEST(InferenceTest, DeterministicAndThreadSafe) {
  const auto s = testing::MakeSyntheticCorpus(100, 2000, 1, 10, 0.1, 0.05, 3);
  // A K = 100 model from the true topics, as counts.
  std::vector<std::vector<TopicCount>> counts(2000);
  for (int32_t w = 0; w < 2000; ++w) {
    for (int32_t k = 0; k < 100; ++k) {
      const int32_t c = static_cast<int32_t>(s.true_phi[k][w] * 10000);
      if (c > 0) counts[w].push_back({k, c});
    }
  }
  LdaModelData data;
  data.vocab = s.corpus.vocab;
  data.alpha.assign(100, 0.1);
  data.beta.assign(2000, 0.01);
  data.word_topics = std::move(counts);
  auto model = LdaModel::Create(std::move(data));
  ASSERT_TRUE(model.ok()) << model.status();
  auto inferencer = Inferencer(std::move(*model));
  std::vector<std::vector<int32_t>> docs(8);
  for (size_t d = 0; d < docs.size(); ++d) {
    for (int i = 0; i < 150; ++i) docs[d].push_back(static_cast<int32_t>((d * 37 + i * i) % 2000));
  }
  std::vector<std::vector<double>> expected;
  for (const auto& doc : docs) {
    expected.push_back(inferencer->InferIds(doc, {}));
    double sum = 0;
    for (double x : expected.back()) {
      ASSERT_TRUE(std::isfinite(x) && x > 0);
      sum += x;
    }
    EXPECT_NEAR(sum, 1.0, 1e-9);
  }
  std::vector<std::vector<std::vector<double>>> got(4, std::vector<std::vector<double>>(docs.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t d = 0; d < docs.size(); ++d) got[t][d] = inferencer->InferIds(docs[d], {});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(got[t], expected);
  InferenceOptions other_seed;
  other_seed.seed = 2;
  EXPECT_NE(inferencer->InferIds(docs[0], other_seed), expected[0]);
}

TEST(InferenceTest, RejectsNullModel) {
  EXPECT_EQ(TopicInferencer::Create(nullptr).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(LdaModelTest, CreateValidates) {
  EXPECT_EQ(MakeModel({}, 0.1, {{}}), nullptr);                          // K = 0
  EXPECT_EQ(MakeModel({0.1}, 0.1, {{{1, 3}}}), nullptr);                 // topic out of range
  EXPECT_EQ(MakeModel({0.1, 0.1}, 0.1, {{{1, 3}, {0, 2}}}), nullptr);    // unsorted
  EXPECT_EQ(MakeModel({0.1}, std::nan(""), {{{0, 3}}}), nullptr);        // NaN prior
  EXPECT_EQ(MakeModel({-0.1}, 0.1, {{{0, 3}}}), nullptr);                // negative prior
  auto empty_topic = MakeModel({0.1, 0.1}, 0.1, {{{0, 3}}, {}});          // topic 1 never used
  ASSERT_NE(empty_topic, nullptr);
  EXPECT_NEAR(empty_topic->Phi(1, 0), 0.5, 1e-7);  // the prior: beta / (V beta)
}

}  // namespace
}  // namespace wordloom::topics
