#include "embeddings/classifier/featurizer.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>

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

// The one-pass whitespace path must give exactly what Tokenize +
// FeaturizeTokens give, on random bytes (spaces of every kind, high bytes,
// label tokens, known and unknown words).
TEST(FeaturizerTest, WhitespaceFastPathEqualsTokenizeThenFeaturize) {
  ModelData data;
  data.tokenizer = TokenizerMode::kWhitespace;
  data.word_ngrams = 3;
  data.buckets = 1000;
  data.dense_buckets = true;
  const char* alphabet[] = {"a", "b", "\xc3\xa9", " ", "\t", "\v", "\r", "\f", "x",
                            "__label__", "\xff", "ab"};
  data.words = {"a", "b", "ab", "</s>", "\xc3\xa9", "ba"};
  for (const auto& w : data.words) data.word_hashes.push_back(FastTextHash(w));
  auto featurizer = Featurizer::Create(data);
  ASSERT_TRUE(featurizer.ok());
  std::mt19937 rng(4);
  FeatureScratch scratch;
  std::vector<int32_t> fast, slow;
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    for (int j = static_cast<int>(rng() % 12); j > 0; --j) text += alphabet[rng() % 12];
    (*featurizer)->Featurize(text, &scratch, &fast);
    (*featurizer)->tokenizer().Tokenize(text, &scratch);
    (*featurizer)->FeaturizeTokens(&scratch, &slow);
    ASSERT_EQ(fast, slow) << "'" << text << "'";
  }
}

// Compact models look n-gram buckets up in a table (a hash table when few
// of the buckets were seen, a bucket-indexed array when many were); both,
// with texts longer than the featurizer's fetch-ahead distance, must give
// the rows a plain reference computes.
TEST(FeaturizerTest, CompactBucketsMatchReferenceInBothTableLayouts) {
  for (uint64_t buckets : {64ull, 1000003ull}) {
    ModelData data;
    data.tokenizer = TokenizerMode::kWhitespace;
    data.word_ngrams = 2;
    data.buckets = buckets;
    data.words = {"a", "b", "ab", "</s>", "\xc3\xa9", "ba"};
    for (const auto& w : data.words) data.word_hashes.push_back(FastTextHash(w));
    // Every other bucket of a 64-bucket model (array); in a 1M-bucket model
    // (hash table), the buckets of every other bigram the texts can hold.
    if (buckets == 64) {
      for (uint32_t b = 0; b < 64; b += 2) data.bucket_ids.push_back(b);
    } else {
      const char* tokens[] = {"a", "b", "ab", "</s>", "\xc3\xa9", "ba", "x"};
      bool keep = false;
      for (const char* first : tokens) {
        for (const char* second : tokens) {
          keep = !keep;
          uint64_t h = SignExtend(FastTextHash(first)) * 116049371ull +
                       SignExtend(FastTextHash(second));
          auto b = static_cast<uint32_t>(h % buckets);
          if (keep && std::find(data.bucket_ids.begin(), data.bucket_ids.end(), b) ==
                          data.bucket_ids.end()) {
            data.bucket_ids.push_back(b);
          }
        }
      }
    }
    std::map<uint32_t, int32_t> row_of;
    for (size_t i = 0; i < data.bucket_ids.size(); ++i) {
      row_of[data.bucket_ids[i]] = static_cast<int32_t>(data.words.size() + i);
    }
    auto featurizer = Featurizer::Create(data);
    ASSERT_TRUE(featurizer.ok());
    const char* alphabet[] = {"a", "b", "\xc3\xa9", " ", "\t", "x", "__label__", "ab", " ", "ba"};
    std::mt19937 rng(5);
    FeatureScratch scratch;
    std::vector<int32_t> rows;
    for (int i = 0; i < 500; ++i) {
      std::string text;
      for (int j = static_cast<int>(rng() % 120); j > 0; --j) text += alphabet[rng() % 10];
      (*featurizer)->tokenizer().Tokenize(text, &scratch);
      std::vector<int32_t> expected;
      std::vector<uint32_t> hashes;
      for (std::string_view token : scratch.tokens) {
        auto it = std::find(data.words.begin(), data.words.end(), token);
        if (it != data.words.end()) expected.push_back(static_cast<int32_t>(it - data.words.begin()));
        hashes.push_back(FastTextHash(token));
      }
      ForEachWordNgram(hashes, 2, buckets, [&](uint64_t b) {
        auto it = row_of.find(static_cast<uint32_t>(b));
        if (it != row_of.end()) expected.push_back(it->second);
      });
      (*featurizer)->Featurize(text, &scratch, &rows);
      ASSERT_EQ(rows, expected) << "buckets " << buckets << " '" << text << "'";
    }
  }
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
