#include "topics/evaluation.h"

#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/topics/synthetic_corpus.h"
#include "tests/test_util.h"
#include "topics/comprehend_output.h"
#include "topics/topic_term_lists.h"

namespace wordloom::topics {
namespace {

using testing::MakeModel;

// Reference: 4 documents over terms 0..3.
//   d0 {0,1}   d1 {0,1,2}   d2 {0,2}   d3 {3}
// D(0)=3 D(1)=2 D(2)=2 D(3)=1; D(0,1)=2 D(0,2)=2 D(1,2)=1, term 3 with none.
const std::vector<std::vector<int32_t>> kReference = {{0, 1, 0}, {1, 2, 0}, {2, 0}, {3}};

TEST(CoherenceTest, DocumentWindowMatchesHandComputedValues) {
  auto result = TopicCoherence({{2, 1, 0}, {1, 3, 0}}, kReference, {});
  ASSERT_TRUE(result.ok()) << result.status();
  // NPMI(0,1) = NPMI(0,2) = log(0.5 / (0.75 * 0.5)) / -log(0.5); NPMI(1,2) = log(1) = 0.
  const double npmi01 = std::log(4.0 / 3) / std::log(2.0);
  EXPECT_NEAR(result->npmi_per_topic[0], 2 * npmi01 / 3, 1e-12);
  // Topic 2: (1,3) and (3,0) never co-occur: -1 each.
  EXPECT_NEAR(result->npmi_per_topic[1], (npmi01 - 2) / 3, 1e-12);
  // UMass, i the higher-ranked term: log((D(i,j)+1)/D(i)).
  // Topic 1: (2,1) log(2/2), (2,0) log(3/2), (1,0) log(3/2).
  EXPECT_NEAR(result->umass_per_topic[0], 2 * std::log(1.5) / 3, 1e-12);
  // Topic 2: (1,3) log(1/2), (1,0) log(3/2), (3,0) log(1/1).
  EXPECT_NEAR(result->umass_per_topic[1], (std::log(0.5) + std::log(1.5)) / 3, 1e-12);
  EXPECT_NEAR(result->npmi, (result->npmi_per_topic[0] + result->npmi_per_topic[1]) / 2, 1e-12);
  EXPECT_NEAR(result->umass, (result->umass_per_topic[0] + result->umass_per_topic[1]) / 2, 1e-12);
}

TEST(CoherenceTest, SlidingWindowMatchesHandComputedValues) {
  // Windows of 2 over {0,1,2,3}: {0,1} {1,2} {2,3}; the short doc {1} is one unit.
  const std::vector<std::vector<int32_t>> reference = {{0, 1, 2, 3}, {1}};
  auto result = TopicCoherence({{1, 2}, {0, 1}}, reference, {.window = 2});
  ASSERT_TRUE(result.ok());
  // 4 units; D(1)=3, D(2)=2, D(1,2)=1; D(0)=1, D(0,1)=1.
  EXPECT_NEAR(result->npmi_per_topic[0], std::log((1 / 4.0) / (3 / 4.0 * 2 / 4.0)) / std::log(4.0), 1e-12);
  EXPECT_NEAR(result->umass_per_topic[0], std::log(2 / 3.0), 1e-12);
  EXPECT_NEAR(result->npmi_per_topic[1], std::log((1 / 4.0) / (1 / 4.0 * 3 / 4.0)) / std::log(4.0), 1e-12);
  EXPECT_NEAR(result->umass_per_topic[1], std::log(2.0), 1e-12);
}

TEST(CoherenceTest, EdgeCasesAreFiniteOrErrors) {
  // A pair in every unit has NPMI 1; a term absent from the reference gives -1 (never NaN).
  auto all = TopicCoherence({{0, 1}, {0, 7}}, {{0, 1}, {1, 0}}, {});
  ASSERT_TRUE(all.ok());
  EXPECT_DOUBLE_EQ(all->npmi_per_topic[0], 1.0);
  EXPECT_DOUBLE_EQ(all->npmi_per_topic[1], -1.0);
  EXPECT_TRUE(std::isfinite(all->umass));
  EXPECT_EQ(TopicCoherence({}, kReference, {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TopicCoherence({{0, 1}}, {{}, {}}, {}).status().code(), absl::StatusCode::kInvalidArgument);
  auto single = TopicCoherence({{0}}, kReference, {});
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->npmi, 0.0);
}

TEST(PerplexityTest, IdenticalTopicsMatchHandComputedValue) {
  // Both topics: counts a 2, b 1, c 1; beta 0.5 => phi = (2.5, 1.5, 1.5) / 5.5,
  // whatever theta is.
  auto model = MakeModel({0.5, 0.5}, 0.5, {{{0, 2}, {1, 2}}, {{0, 1}, {1, 1}}, {{0, 1}, {1, 1}}});
  ASSERT_NE(model, nullptr);
  auto inferencer = TopicInferencer::Create(std::move(model));
  ASSERT_TRUE(inferencer.ok());
  // Doc 1 scores b (pos 1) and a (pos 3); doc 2 is too short; doc 3 (after
  // dropping the unknown id 9) scores b.
  auto result = HeldOutPerplexity(**inferencer, {{0, 1, 2, 0}, {2}, {1, 9, 1, 0}}, {}, 2);
  ASSERT_TRUE(result.ok()) << result.status();
  const double ll = 2 * std::log(1.5 / 5.5) + std::log(2.5 / 5.5);
  EXPECT_EQ(result->tokens, 3);
  EXPECT_NEAR(result->log_likelihood, ll, 1e-6);
  EXPECT_NEAR(result->perplexity, std::exp(-ll / 3), 1e-5);
}

TEST(PerplexityTest, FoldInUsesTheObservedHalf) {
  // Topic 0 is "a", topic 1 is "b": observing a, a fixes theta_0 = 2.5 / 3.
  auto model = MakeModel({0.5, 0.5}, 1e-9, {{{0, 1000000}}, {{1, 1000000}}});
  auto inferencer = TopicInferencer::Create(std::move(model));
  ASSERT_TRUE(inferencer.ok());
  auto result = HeldOutPerplexity(**inferencer, {{0, 0, 0, 1}}, {}, 1);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->tokens, 2);
  EXPECT_NEAR(result->log_likelihood, std::log(2.5 / 3) + std::log(0.5 / 3), 1e-6);
  EXPECT_EQ(HeldOutPerplexity(**inferencer, {{0}, {}, {5, 6}}, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HeldOutPerplexity(**inferencer, {}, {}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ComprehendOutputTest, TopicTermsAndDocTopicsCsv) {
  auto model = MakeModel({0.5, 0.5}, 0.5, {{{0, 3}}, {{1, 2}}, {{0, 1}, {1, 1}}});
  ASSERT_NE(model, nullptr);
  // phi_0 = (3.5, 0.5, 1.5) / 5.5, phi_1 = (0.5, 2.5, 1.5) / 4.5.
  EXPECT_EQ(TopicTermsCsv(*model, 2),
            "topic,term,weight\n"
            "000,a,0.636364\n000,c,0.272727\n"
            "001,b,0.555556\n001,c,0.333333\n");
  const std::string csv = DocTopicsCsv({"x.txt:1", "odd,\"name\""},
                                       [](size_t d) {
                                         return d == 0 ? std::vector<double>{0.2, 0.8}
                                                       : std::vector<double>{0.995, 0.005};
                                       });
  EXPECT_EQ(csv,
            "docname,topic,proportion\n"
            "x.txt:1,001,0.8\nx.txt:1,000,0.2\n"
            "\"odd,\"\"name\"\"\",000,0.995\n");
}

TEST(TopicTermListsTest, ReadsCsvAndLinesAndMapsTerms) {
  const std::string dir = wordloom::testing::TempDir();
  wordloom::testing::WriteFile(dir + "/t.csv",
                               "topic,term,weight\n000,oil,0.5\n000,\"a,\"\"b\"\"\",0.1\n"
                               "001,game,0.4\n000,gas,0.05\n\n");
  auto csv = ReadTopicTermLists(dir + "/t.csv");
  ASSERT_TRUE(csv.ok()) << csv.status();
  ASSERT_EQ(csv->size(), 2u);
  EXPECT_EQ((*csv)[0], (std::vector<std::string>{"oil", "a,\"b\"", "gas"}));
  EXPECT_EQ((*csv)[1], (std::vector<std::string>{"game"}));
  wordloom::testing::WriteFile(dir + "/t.txt", "oil gas\tprice\n\ngame team\n");
  auto lines = ReadTopicTermLists(dir + "/t.txt");
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0], (std::vector<std::string>{"oil", "gas", "price"}));
  nlp::Vocabulary vocab;
  vocab.Add("gas");
  vocab.Add("oil");
  const auto ids = TermListsToIds(*lines, vocab);
  EXPECT_EQ(ids[0], (std::vector<int32_t>{1, 0, 2}));
  EXPECT_EQ(ids[1], (std::vector<int32_t>{3, 4}));
  wordloom::testing::WriteFile(dir + "/bad.csv", "topic,term,weight\n000 oil\n");
  EXPECT_THAT(std::string(ReadTopicTermLists(dir + "/bad.csv").status().message()),
              ::testing::HasSubstr("bad.csv:2"));
  wordloom::testing::WriteFile(dir + "/empty.txt", "\n");
  EXPECT_EQ(ReadTopicTermLists(dir + "/empty.txt").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wordloom::topics
