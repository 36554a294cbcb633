// Tests for StopwordList: built-in lists and lists loaded from files.
#include "nlp/text/stopwords.h"

#include <gtest/gtest.h>

#include "gmock/gmock.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

TEST(StopwordsTest, BuiltInLists) {
  struct Case {
    const char* language;
    const char* stop;
    const char* content;
  };
  for (const Case& c : {Case{"en", "the", "cat"}, Case{"de", "und", "hund"},
                        Case{"fr", "les", "chat"}, Case{"es", "el", "gato"},
                        Case{"it", "della", "gatto"}, Case{"pt", "não", "gato"},
                        Case{"nl", "het", "kat"}, Case{"ru", "и", "кошка"}}) {
    auto list = StopwordList::BuiltIn(c.language);
    ASSERT_TRUE(list.ok()) << c.language << ": " << list.status();
    EXPECT_GT((*list)->size(), 20u) << c.language;
    EXPECT_TRUE((*list)->Contains(c.stop)) << c.language;
    EXPECT_FALSE((*list)->Contains(c.content)) << c.language;
  }
  EXPECT_THAT(StopwordList::BuiltInLanguages(),
              ::testing::IsSupersetOf({"en", "de", "fr", "es", "it", "pt", "nl", "ru"}));
  for (const std::string& language : StopwordList::BuiltInLanguages()) {
    EXPECT_TRUE(StopwordList::BuiltIn(language).ok()) << language;
  }
}

TEST(StopwordsTest, UnknownLanguageIsNotFound) {
  auto list = StopwordList::BuiltIn("tlh");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(list.status().message().find("tlh"), absl::string_view::npos);
}

TEST(StopwordsTest, FromFileNormalizesAndSkipsComments) {
  const std::string path = testing::TempDir() + "/stop.txt";
  testing::WriteFile(path, "# comment\n  The  \r\n\n\u00C9T\u00C9\n\uFB01n\n#ignored\n");
  auto list = StopwordList::FromFile(path);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ((*list)->size(), 3u);
  EXPECT_TRUE((*list)->Contains("the"));
  EXPECT_TRUE((*list)->Contains("\u00E9t\u00E9"));
  EXPECT_TRUE((*list)->Contains("fin"));
  EXPECT_FALSE((*list)->Contains("# comment"));
  EXPECT_FALSE((*list)->Contains("The"));
}

TEST(StopwordsTest, FromFileErrors) {
  const std::string dir = testing::TempDir();
  auto missing = StopwordList::FromFile(dir + "/missing.txt");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  testing::WriteFile(dir + "/bad.txt", "ok\nfine\nba\xFF" "d\n");
  auto bad = StopwordList::FromFile(dir + "/bad.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("bad.txt:3"), absl::string_view::npos) << bad.status();
  testing::WriteFile(dir + "/empty.txt", "");
  auto empty = StopwordList::FromFile(dir + "/empty.txt");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)->size(), 0u);
}

}  // namespace
}  // namespace wordloom::nlp
