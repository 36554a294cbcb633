#include <string>
#include <vector>

#include "corpora/parsers.h"
#include "corpora/reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::testing::ElementsAre;
using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

TEST(CsvTest, SplitsRfc4180Records) {
  std::vector<std::string> f;
  ASSERT_TRUE(SplitCsvRecord("a,\"b,c\",\"say \"\"hi\"\"\",", ',', &f));
  EXPECT_THAT(f, ElementsAre("a", "b,c", "say \"hi\"", ""));
  ASSERT_TRUE(SplitCsvRecord("\"multi\nline\",x", ',', &f));
  EXPECT_THAT(f, ElementsAre("multi\nline", "x"));
  EXPECT_FALSE(SplitCsvRecord("\"open,x", ',', &f));
  ASSERT_TRUE(SplitCsvRecord("a\tb", '\t', &f));
  EXPECT_THAT(f, ElementsAre("a", "b"));
}

struct Read {
  std::vector<std::string> ids, texts;
  uint64_t skipped = 0;
};

Read ReadCsv(const std::string& path, ReaderOptions options = {}) {
  Read out;
  auto reader = OpenReader(path, options);
  EXPECT_TRUE(reader.ok());
  while (true) {
    auto doc = (*reader)->Next();
    EXPECT_TRUE(doc.ok()) << doc.status();
    if (!doc.ok() || !doc->has_value()) break;
    out.ids.push_back((*doc)->id);
    out.texts.push_back((*doc)->text);
  }
  out.skipped = (*reader)->skipped();
  return out;
}

TEST(CsvTest, ColumnsByHeaderNameWithMultilineQuotedFields) {
  const std::string path = TempDir() + "/d.csv";
  WriteFile(path, "id,label,text\r\n1,pos,\"good, very\ngood\"\r\n2,neg,bad\r\n");
  Read r = ReadCsv(path);
  EXPECT_THAT(r.ids, ElementsAre("1", "2"));
  EXPECT_THAT(r.texts, ElementsAre("good, very\ngood", "bad"));
}

TEST(CsvTest, UnclosedQuoteSkipsOnlyThatRecord) {
  const std::string path = TempDir() + "/bad.csv";
  WriteFile(path, "id,text\n1,fine\n2,\"never closed\n3,after\n4,also after\n");
  Read r = ReadCsv(path);
  EXPECT_THAT(r.ids, ElementsAre("1", "3", "4"));
  EXPECT_EQ(r.skipped, 1u);
}

TEST(CsvTest, TsvByIndexWithoutHeader) {
  const std::string path = TempDir() + "/d.tsv";
  WriteFile(path, "a\tfirst text\nb\tsecond\n");
  ReaderOptions options;
  options.csv_header = false;
  options.csv_text_column = "1";
  options.csv_id_column = "0";
  Read r = ReadCsv(path, options);
  EXPECT_THAT(r.ids, ElementsAre("a", "b"));
  EXPECT_THAT(r.texts, ElementsAre("first text", "second"));
}

TEST(CsvTest, MissingTextColumnIsAnError) {
  const std::string path = TempDir() + "/nocol.csv";
  WriteFile(path, "id,body\n1,x\n");
  auto reader = OpenReader(path, {});
  ASSERT_TRUE(reader.ok());
  EXPECT_FALSE((*reader)->Next().ok());
}

}  // namespace
}  // namespace wordloom::corpora
