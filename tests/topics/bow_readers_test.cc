#include "topics/bow_readers.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"
#include "topics/corpus_loader.h"

namespace wordloom::topics {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using wordloom::testing::TempDir;
using wordloom::testing::WriteFile;

TEST(BowReadersTest, ReadsLdaC) {
  const std::string dir = TempDir();
  WriteFile(dir + "/vocab.txt", "apple\nbanana\ncherry\n");
  WriteFile(dir + "/c.dat", "2 0:2 2:1\n1 1:3\n0\n");
  auto corpus = ReadLdaC(dir + "/c.dat", dir + "/vocab.txt");
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->size(), 3u);
  EXPECT_THAT(corpus->docs[0], ElementsAre(0, 0, 2));
  EXPECT_THAT(corpus->docs[1], ElementsAre(1, 1, 1));
  EXPECT_TRUE(corpus->docs[2].empty());
  EXPECT_EQ(corpus->vocab.Count(1), 3);
  EXPECT_EQ(corpus->vocab.DocumentFrequency(0), 1);
  EXPECT_EQ(corpus->names[1], dir + "/c.dat:2");
}

TEST(BowReadersTest, LdaCErrorsNameFileAndLine) {
  const std::string dir = TempDir();
  WriteFile(dir + "/vocab.txt", "a\nb\n");
  WriteFile(dir + "/c.dat", "1 0:1\n1 7:1\n");
  auto corpus = ReadLdaC(dir + "/c.dat", dir + "/vocab.txt");
  ASSERT_FALSE(corpus.ok());
  EXPECT_THAT(corpus.status().message(), HasSubstr("c.dat:2"));
  WriteFile(dir + "/d.dat", "3 0:1\n");
  EXPECT_THAT(ReadLdaC(dir + "/d.dat", dir + "/vocab.txt").status().message(), HasSubstr("d.dat:1"));
  WriteFile(dir + "/e.dat", "1 0:x\n");
  EXPECT_FALSE(ReadLdaC(dir + "/e.dat", dir + "/vocab.txt").ok());
  EXPECT_EQ(ReadLdaC(dir + "/missing.dat", dir + "/vocab.txt").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(BowReadersTest, ReadsUci) {
  const std::string dir = TempDir();
  WriteFile(dir + "/vocab.test.txt", "x\ny\n");
  WriteFile(dir + "/docword.test.txt", "2\n2\n3\n1 1 2\n1 2 1\n2 2 4\n");
  CorpusSource source{.inputs = {dir + "/docword.test.txt"}};
  auto corpus = LoadCorpus(source);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->size(), 2u);
  EXPECT_THAT(corpus->docs[0], ElementsAre(0, 0, 1));
  EXPECT_THAT(corpus->docs[1], ElementsAre(1, 1, 1, 1));
  WriteFile(dir + "/docword.bad.txt", "2\n3\n1\n1 1 1\n");
  WriteFile(dir + "/vocab.bad.txt", "x\ny\n");
  EXPECT_THAT(LoadCorpus({.inputs = {dir + "/docword.bad.txt"}}).status().message(),
              HasSubstr("docword.bad.txt:2"));
}

TEST(BowReadersTest, TextLinesArePrunedAndStopwordsDropped) {
  const std::string dir = TempDir();
  WriteFile(dir + "/t.txt", "The oil price rose.\nOil and gas, oil!\nthe the the\n");
  CorpusSource source{.inputs = {dir + "/t.txt"}};
  source.text.prune = {.min_count = 2, .max_document_fraction = 1.0};
  auto corpus = LoadCorpus(source);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->vocab.size(), 1u);
  EXPECT_EQ(corpus->vocab.Term(0), "oil");
  EXPECT_THAT(corpus->docs[1], ElementsAre(0, 0));
  EXPECT_TRUE(corpus->docs[2].empty());
}

TEST(BowReadersTest, EmptyTextCorpusIsAnError) {
  const std::string dir = TempDir();
  WriteFile(dir + "/empty.txt", "");
  auto corpus = LoadCorpus({.inputs = {dir + "/empty.txt"}});
  EXPECT_EQ(corpus.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wordloom::topics
