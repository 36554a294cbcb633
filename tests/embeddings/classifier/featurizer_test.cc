#include "embeddings/classifier/featurizer.h"

#include "embeddings/classifier/ngram_hash.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wordloom::embeddings::classifier {
namespace {

using ::testing::ElementsAre;

TEST(NgramHashTest, MatchesFastTextFnv) {
  // Reference values of fastText's Dictionary::hash.
  EXPECT_EQ(FastTextHash(""), 2166136261u);
  EXPECT_EQ(FastTextHash("a"), 0xe40c292cu);
  // Bytes >= 0x80 are sign-extended before xor (fastText's int8_t cast).
  uint32_t h = 2166136261u;
  h ^= 0xffffffc3u;
  h *= 16777619u;
  EXPECT_EQ(FastTextHash("\xc3"), h);
}

TEST(NgramHashTest, BigramsInFastTextOrder) {
  std::vector<uint32_t> hashes = {1, 2, 3};
  std::vector<uint64_t> buckets;
  ForEachWordNgram(hashes, 2, 1000000, [&](uint64_t b) { buckets.push_back(b); });
  EXPECT_THAT(buckets, ElementsAre((1 * 116049371ull + 2) % 1000000,
                                   (2 * 116049371ull + 3) % 1000000));
  buckets.clear();
  ForEachWordNgram(hashes, 1, 1000000, [&](uint64_t b) { buckets.push_back(b); });
  EXPECT_TRUE(buckets.empty());
}

TEST(FeaturizerTest, WhitespaceTokensEndWithEndOfLine) {
  auto tokenizer = TextTokenizer::Create(TokenizerMode::kWhitespace);
  ASSERT_TRUE(tokenizer.ok());
  FeatureScratch scratch;
  (*tokenizer)->Tokenize("  Hello,\tworld  ", &scratch);
  EXPECT_THAT(scratch.tokens, ElementsAre("Hello,", "world", "</s>"));
}

TEST(FeaturizerTest, NlpTokensAreNormalized) {
  auto tokenizer = TextTokenizer::Create(TokenizerMode::kNlp);
  ASSERT_TRUE(tokenizer.ok());
  FeatureScratch scratch;
  (*tokenizer)->Tokenize("Hello, World", &scratch);
  EXPECT_THAT(scratch.tokens, ElementsAre("hello", ",", "world", "</s>"));
}

TEST(FeaturizerTest, UnknownWordsOnlyInNgramsAndUnseenBucketsSkipped) {
  ModelData data;
  data.tokenizer = TokenizerMode::kWhitespace;
  data.word_ngrams = 2;
  data.buckets = 100;
  data.words = {"a", "</s>"};
  data.word_hashes = {FastTextHash("a"), FastTextHash("</s>")};
  uint64_t ab = (SignExtend(FastTextHash("a")) * 116049371ull + SignExtend(FastTextHash("b"))) % 100;
  data.bucket_ids = {static_cast<uint32_t>(ab)};
  auto featurizer = Featurizer::Create(data);
  ASSERT_TRUE(featurizer.ok());
  FeatureScratch scratch;
  std::vector<int32_t> rows;
  (*featurizer)->Featurize("a b", &scratch, &rows);
  // a, </s>, bucket(a b) -> row 2; bucket(b </s>) unseen -> nothing.
  EXPECT_THAT(rows, ElementsAre(0, 1, 2));
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
