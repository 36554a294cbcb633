// Neighbours, analogies (3CosAdd / 3CosMul) and the evaluation protocol on
// hand-made vectors.
#include "embeddings/word2vec/evaluation.h"

#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::word2vec {
namespace {

// man - king + woman = queen, exactly, in 3 dimensions.
std::unique_ptr<WordVectors> Royals() {
  WordVectorsParts parts;
  parts.words = {"man", "woman", "king", "queen", "apple"};
  const float rows[5][3] = {{1, 0, 0}, {0, 1, 0}, {1, 0, 1}, {0, 1, 1}, {-1, -1, 0.1f}};
  parts.input.Resize(5, 3);
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 3; ++j) parts.input.At(i, j) = rows[i][j];
  }
  return std::move(WordVectors::Create(std::move(parts))).value();
}

TEST(NeighborIndexTest, ExactSearchAndExclusion) {
  auto v = Royals();
  auto index = ExactNeighborIndex::Build(*v);
  const int32_t king = v->Find("king");
  auto best = index->Search(index->Row(king), 2, std::span<const int32_t>(&king, 1));
  ASSERT_EQ(best.size(), 2u);
  EXPECT_NE(best[0].id, king);
  EXPECT_GE(best[0].score, best[1].score);
  EXPECT_EQ(ExactNeighborIndex::Build(*v, 2)->size(), 2u);
}

TEST(NeighborIndexTest, AnalogyBothMethods) {
  auto v = Royals();
  auto index = ExactNeighborIndex::Build(*v);
  int32_t man = v->Find("man"), king = v->Find("king"), woman = v->Find("woman");
  const int32_t exclude[3] = {man, king, woman};
  for (auto method : {AnalogyMethod::k3CosAdd, AnalogyMethod::k3CosMul}) {
    auto best = Analogy(*index, index->Row(man), index->Row(king), index->Row(woman), 1, method, exclude);
    ASSERT_EQ(best.size(), 1u);
    EXPECT_EQ(v->word(best[0].id), "queen");
  }
}

TEST(EvaluationTest, AnalogyAccuracyCountsSeenQuestions) {
  auto v = Royals();
  std::string path = testing::TempDir() + "/q.txt";
  testing::WriteFile(path, ": family\nMan King Woman Queen\nman king woman apple\nman king dog cat\n");
  auto r = EvaluateAnalogies(*v, path, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->questions, 3);
  EXPECT_EQ(r->seen, 2);
  EXPECT_EQ(r->correct, 1);
  EXPECT_DOUBLE_EQ(r->accuracy(), 0.5);
  // Restricting to the 3 most frequent words hides queen: nothing seen.
  auto top3 = EvaluateAnalogies(*v, path, {.top_words = 3});
  ASSERT_TRUE(top3.ok());
  EXPECT_EQ(top3->seen, 0);
  testing::WriteFile(path, "man king woman\n");
  auto bad = EvaluateAnalogies(*v, path, {});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("q.txt:1"), std::string::npos);
}

TEST(EvaluationTest, SpearmanWithTies) {
  EXPECT_DOUBLE_EQ(SpearmanCorrelation({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(SpearmanCorrelation({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  EXPECT_NEAR(SpearmanCorrelation({1, 2, 2, 3}, {1, 2, 3, 4}), 0.9487, 1e-4);
  EXPECT_EQ(SpearmanCorrelation({1}, {1}), 0.0);
}

TEST(EvaluationTest, SimilarityFile) {
  auto v = Royals();
  std::string path = testing::TempDir() + "/ws.tsv";
  testing::WriteFile(path, "# header\n# second\nking\tqueen\t8.5\nking\tapple\t1.0\nman\twoman\t7\n"
                           "king\tunicorn\t3\n");
  auto r = EvaluateSimilarity(*v, path);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->pairs, 4);
  EXPECT_EQ(r->found, 3);
  EXPECT_GT(r->spearman, 0.0);
  testing::WriteFile(path, "king queen lots\n");
  EXPECT_EQ(EvaluateSimilarity(*v, path).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wordloom::embeddings::word2vec
