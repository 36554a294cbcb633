#include "nlp/text/fasttext_tokens.h"

#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wordloom::nlp {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  for (auto t = NextFastTextToken(text, &pos); !t.empty(); t = NextFastTextToken(text, &pos)) {
    out.emplace_back(t);
  }
  EXPECT_EQ(pos, text.size());
  return out;
}

TEST(FastTextTokensTest, SevenSeparatorsAsReadWord) {
  const std::string text("a b\tc\nd\re\vf\fg", 13);
  EXPECT_THAT(Split(text), ElementsAre("a", "b", "c", "d", "e", "f", "g"));
  EXPECT_THAT(Split(std::string("x\0y", 3)), ElementsAre("x", "y"));
  for (char c : {' ', '\t', '\n', '\r', '\v', '\f', '\0'}) EXPECT_TRUE(IsFastTextSpace(c)) << +c;
}

TEST(FastTextTokensTest, OtherBytesAreTokenBytes) {
  // Non-breaking space (U+00A0), high bytes, punctuation and \x1c stay in tokens.
  EXPECT_THAT(Split("caf\xc3\xa9\xc2\xa0ok \x1c,\xff"),
              ElementsAre("caf\xc3\xa9\xc2\xa0ok", "\x1c,\xff"));
  EXPECT_FALSE(IsFastTextSpace('\x1c'));
  EXPECT_FALSE(IsFastTextSpace('\xa0'));
}

TEST(FastTextTokensTest, RunsAndEdgesGiveNoEmptyTokens) {
  EXPECT_THAT(Split("  \t a  \n\n b \r\n"), ElementsAre("a", "b"));
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split(" \t\n").empty());
}

TEST(FastTextTokensTest, Trim) {
  EXPECT_EQ(TrimFastTextSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(TrimFastTextSpace("\v\f"), "");
}

}  // namespace
}  // namespace wordloom::nlp
