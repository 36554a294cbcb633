// Tests for ClassifyToken and TokenClassName.
#include "nlp/text/token_class.h"

#include <gtest/gtest.h>

namespace wordloom::nlp {
namespace {

TEST(TokenClassTest, Words) {
  for (std::string_view w : {"word", "It's", "x1", "e.g", "_a", "naïve", "Straße", "東京",
                             "タワー", "ข้าว", "الإنسان", "मानव", "a@b"}) {
    EXPECT_EQ(ClassifyToken(w), TokenClass::kWord) << w;
  }
}

TEST(TokenClassTest, Numbers) {
  for (std::string_view n : {"3", "3,000.50", "1.5", "2024", "\u0663\u0664",  // Arabic-Indic
                             "\u0967\u0968", "\uFF11"}) {                       // Devanagari, fullwidth
    EXPECT_EQ(ClassifyToken(n), TokenClass::kNumber) << n;
  }
}

TEST(TokenClassTest, PunctuationAndSymbols) {
  for (std::string_view p : {".", ",", "!", "?", "%", "(", "\"", "'", "@", "#", "&", "*", "-",
                             "_", "\u00AB", "\u3002", "\u2014", "\u00BF"}) {
    EXPECT_EQ(ClassifyToken(p), TokenClass::kPunctuation) << p;
  }
  for (std::string_view s : {"+", "$", "<", "=", ">", "^", "`", "|", "~", "\u20AC", "\u00B0",
                             "\u2211", "\u00A3"}) {
    EXPECT_EQ(ClassifyToken(s), TokenClass::kSymbol) << s;
  }
}

TEST(TokenClassTest, Emoji) {
  for (std::string_view e :
       {"\U0001F600", "\U0001F44D\U0001F3FD", "\U0001F468\u200D\U0001F469\u200D\U0001F467",
        "\U0001F1EF\U0001F1F5", "\u2764\uFE0F", "1\uFE0F\u20E3", "\U0001F3F3\uFE0F\u200D\U0001F308"}) {
    EXPECT_EQ(ClassifyToken(e), TokenClass::kEmoji) << e;
  }
}

TEST(TokenClassTest, IllFormedBytesAreNotAWord) {
  EXPECT_EQ(ClassifyToken("\xFF"), TokenClass::kSymbol);  // read as U+FFFD (So)
}

TEST(TokenClassTest, Names) {
  EXPECT_EQ(TokenClassName(TokenClass::kWord), "word");
  EXPECT_EQ(TokenClassName(TokenClass::kNumber), "number");
  EXPECT_EQ(TokenClassName(TokenClass::kPunctuation), "punct");
  EXPECT_EQ(TokenClassName(TokenClass::kSymbol), "symbol");
  EXPECT_EQ(TokenClassName(TokenClass::kEmoji), "emoji");
  EXPECT_EQ(TokenClassName(TokenClass::kUrl), "url");
  EXPECT_EQ(TokenClassName(TokenClass::kEmail), "email");
}

}  // namespace
}  // namespace wordloom::nlp
