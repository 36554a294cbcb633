// fastText's hashing quirks, bit for bit.
#include "embeddings/fasttext_format/fasttext_hash.h"

#include "gtest/gtest.h"

namespace wordloom::embeddings::fasttext {
namespace {

TEST(FastTextHashTest, Fnv1aOnAscii) {
  EXPECT_EQ(FastTextHash(""), 2166136261u);
  EXPECT_EQ(FastTextHash("a"), 0xe40c292cu);
  EXPECT_EQ(FastTextHash("foobar"), 0xbf9cf968u);
}

TEST(FastTextHashTest, HighBytesAreSignExtended) {
  // fastText XORs int8_t(c) widened to uint32: 0xe9 -> 0xffffffe9.
  uint32_t want = (2166136261u ^ 0xffffffe9u) * 16777619u;
  EXPECT_EQ(FastTextHash("\xe9"), want);
  EXPECT_NE(FastTextHash("\xe9"), (2166136261u ^ 0xe9u) * 16777619u);
}

TEST(FastTextHashTest, CharNgramsFollowComputeSubwords) {
  std::vector<std::string> grams;
  AppendCharNgrams(WithBoundaries("ab"), 1, 3, &grams);
  // "<ab>": 1-grams touching a boundary are skipped, so "a" and "b" only.
  EXPECT_EQ(grams, (std::vector<std::string>{"<a", "<ab", "a", "ab", "ab>", "b", "b>"}));
  grams.clear();
  AppendCharNgrams(WithBoundaries("\xc3\xa9t\xc3\xa9"), 3, 3, &grams);  // "été": code points
  EXPECT_EQ(grams, (std::vector<std::string>{"<\xc3\xa9t", "\xc3\xa9t\xc3\xa9", "t\xc3\xa9>"}));
  std::vector<int32_t> ids;
  AppendCharNgramIds(WithBoundaries("ab"), 3, 3, 100, 7, &ids);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], 7 + static_cast<int32_t>(FastTextHash("<ab") % 100));
  ids.clear();
  AppendCharNgramIds(WithBoundaries("ab"), 3, 0, 100, 7, &ids);
  EXPECT_TRUE(ids.empty());
}

TEST(FastTextHashTest, WordNgrams) {
  std::vector<int32_t> hashes = {static_cast<int32_t>(FastTextHash("a")),
                                 static_cast<int32_t>(FastTextHash("b")),
                                 static_cast<int32_t>(FastTextHash("c"))};
  std::vector<int32_t> ids;
  AppendWordNgramIds(hashes, 2, 1000, 10, &ids);
  ASSERT_EQ(ids.size(), 2u);  // "a b", "b c"
  uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[0]));
  h = h * 116049371u + static_cast<uint64_t>(static_cast<int64_t>(hashes[1]));
  EXPECT_EQ(ids[0], 10 + static_cast<int32_t>(h % 1000));
  ids.clear();
  AppendWordNgramIds(hashes, 3, 1000, 10, &ids);
  EXPECT_EQ(ids.size(), 3u);
  ids.clear();
  AppendWordNgramIds(hashes, 1, 1000, 10, &ids);
  EXPECT_TRUE(ids.empty());
}

}  // namespace
}  // namespace wordloom::embeddings::fasttext
