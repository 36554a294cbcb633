#include <optional>
#include <string>
#include <vector>

#include "corpora/reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

// Reads every document; fails the test on a reader error.
std::vector<Document> ReadAll(const std::vector<std::string>& paths, const ReaderOptions& options,
                              uint64_t* skipped = nullptr) {
  auto reader = OpenReaders(paths, options);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<Document> docs;
  if (!reader.ok()) return docs;
  while (true) {
    auto doc = (*reader)->Next();
    EXPECT_TRUE(doc.ok()) << doc.status();
    if (!doc.ok() || !doc->has_value()) break;
    docs.push_back(std::move(**doc));
  }
  if (skipped) *skipped = (*reader)->skipped();
  return docs;
}

std::vector<std::string> Texts(const std::vector<Document>& docs) {
  std::vector<std::string> out;
  for (const auto& d : docs) out.push_back(d.text);
  return out;
}

TEST(ReaderTest, LinesFileIsOneDocumentPerLine) {
  const std::string path = TempDir() + "/a.txt";
  WriteFile(path, "first doc\n\nsecond doc\r\nthird");
  auto docs = ReadAll({path}, {});
  EXPECT_THAT(Texts(docs), ElementsAre("first doc", "second doc", "third"));
  EXPECT_EQ(docs[1].id, path + ":3");
}

TEST(ReaderTest, DirectoryIsOneDocumentPerFileSortedAndNested) {
  const std::string dir = TempDir() + "/tree";
  WriteFile(dir + "/b.txt", "bee\nline two");
  WriteFile(dir + "/a/z.txt", "zed");
  WriteFile(dir + "/a/empty.txt", "  \n");
  auto docs = ReadAll({dir}, {});
  EXPECT_THAT(Texts(docs), ElementsAre("zed", "bee\nline two"));
  EXPECT_EQ(docs[0].id, dir + "/a/z.txt");
}

TEST(ReaderTest, ExplicitFormatOverridesDetection) {
  const std::string path = TempDir() + "/whole.txt";
  WriteFile(path, "one\ntwo\n");
  ReaderOptions options;
  options.format = Format::kFile;
  EXPECT_THAT(Texts(ReadAll({path}, options)), ElementsAre("one\ntwo\n"));
}

TEST(ReaderTest, JsonlFieldsIdsMetadataAndBadLines) {
  const std::string path = TempDir() + "/d.jsonl";
  WriteFile(path,
            "{\"id\": 7, \"body\": \"hello\", \"lang\": \"en\"}\n"
            "not json\n"
            "{\"id\": \"x\", \"body\": 3}\n"
            "{\"body\": \"no id\"}\n");
  ReaderOptions options;
  options.json_text_field = "body";
  uint64_t skipped = 0;
  auto docs = ReadAll({path}, options, &skipped);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "7");
  EXPECT_EQ(docs[0].text, "hello");
  EXPECT_THAT(docs[0].metadata, ElementsAre(std::make_pair(std::string("lang"), std::string("en"))));
  EXPECT_EQ(docs[1].id, path + ":4");
  EXPECT_EQ(skipped, 2u);
}

TEST(ReaderTest, FailPolicyStopsAtTheBadDocumentNamingFileAndLine) {
  const std::string path = TempDir() + "/bad.jsonl";
  WriteFile(path, "{\"text\": \"ok\"}\n{broken\n{\"text\": \"later\"}\n");
  ReaderOptions options;
  options.on_error = ErrorPolicy::kFail;
  auto reader = OpenReader(path, options);
  ASSERT_TRUE(reader.ok());
  auto first = (*reader)->Next();
  ASSERT_TRUE(first.ok() && first->has_value());
  auto second = (*reader)->Next();
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(std::string(second.status().message()), HasSubstr(path + ":2"));
}

TEST(ReaderTest, OversizeDocumentIsSkippedAndCounted) {
  const std::string path = TempDir() + "/big.txt";
  WriteFile(path, "short\n" + std::string(100, 'x') + "\nafter\n");
  ReaderOptions options;
  options.max_document_bytes = 50;
  uint64_t skipped = 0;
  EXPECT_THAT(Texts(ReadAll({path}, options, &skipped)), ElementsAre("short", "after"));
  EXPECT_EQ(skipped, 1u);
}

TEST(ReaderTest, ReutersSgml) {
  const std::string path = TempDir() + "/reut2-000.sgm";
  WriteFile(path,
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
            "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"5544\" NEWID=\"1\">\n"
            "<DATE>26-FEB-1987</DATE>\n<TOPICS><D>cocoa</D><D>grain</D></TOPICS>\n"
            "<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n<DATELINE>SALVADOR</DATELINE>"
            "<BODY>Showers &lt;continued&gt; in the zone.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
            "<REUTERS TOPICS=\"NO\" NEWID=\"2\">\n<TEXT TYPE=\"UNPROC\">&#2;\nplain text</TEXT>\n</REUTERS>\n");
  auto docs = ReadAll({path}, {});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "1");
  EXPECT_EQ(docs[0].text, "BAHIA COCOA REVIEW\n\nShowers <continued> in the zone.\n Reuter\n ");
  EXPECT_THAT(docs[0].metadata, ::testing::Contains(std::make_pair(std::string("topics_list"),
                                                                    std::string("cocoa;grain"))));
  EXPECT_EQ(docs[1].id, "2");
  EXPECT_THAT(docs[1].text, HasSubstr("plain text"));
}

TEST(ReaderTest, ApSgml) {
  const std::string path = TempDir() + "/ap.txt";
  WriteFile(path,
            "<DOC>\n<DOCNO> AP881218-0003 </DOCNO>\n<TEXT>\n A 16-year-old student\n</TEXT>\n</DOC>\n"
            "<DOC>\n<DOCNO> AP881218-0004 </DOCNO>\n<TEXT>\nSecond\n</TEXT>\n</DOC>\n");
  auto docs = ReadAll({path}, {});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "AP881218-0003");
  EXPECT_EQ(docs[0].text, "\n A 16-year-old student\n");
  EXPECT_EQ(docs[1].id, "AP881218-0004");
}

TEST(ReaderTest, UnterminatedSgmlBlockIsReported) {
  const std::string path = TempDir() + "/cut.sgm";
  WriteFile(path, "<REUTERS NEWID=\"1\">\n<TEXT>ok</TEXT>\n</REUTERS>\n<REUTERS NEWID=\"2\">\n<TEXT>cut");
  uint64_t skipped = 0;
  auto docs = ReadAll({path}, {}, &skipped);
  EXPECT_EQ(docs.size(), 1u);
  EXPECT_EQ(skipped, 1u);
}

TEST(ReaderTest, MissingInputIsNotFound) {
  auto reader = OpenReader(TempDir() + "/nope", {});
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kNotFound);
}

TEST(ReaderTest, ParseFormat) {
  EXPECT_EQ(*ParseFormat("jsonl"), Format::kJsonl);
  EXPECT_EQ(*ParseFormat("tar"), Format::kArchive);
  EXPECT_FALSE(ParseFormat("xml").ok());
}

}  // namespace
}  // namespace wordloom::corpora
