// StoreAppender: documents appended one at a time over several sessions end
// in a store StoreReader reads back, with the terms `wordloom index` makes.
#include "corpora/store_appender.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Document Doc(std::string id, std::string text) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.metadata = {{"source", "test"}};
  return d;
}

std::vector<std::string> Ids(const std::string& dir) {
  auto reader = StoreReader::Open(dir);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<std::string> ids;
  if (!reader.ok()) return ids;
  auto cursor = (*reader)->Documents();
  while (true) {
    auto doc = cursor->Next();
    EXPECT_TRUE(doc.ok()) << doc.status();
    if (!doc.ok() || !*doc) break;
    ids.push_back((*doc)->info.id);
  }
  return ids;
}

TEST(StoreAppenderTest, AppendsOverSessionsAndCommitsPrefixes) {
  const std::string dir = wordloom::testing::TempDir() + "/store";
  StoreAppenderOptions options;
  options.shard_max_docs = 2;
  {
    auto appender = StoreAppender::Open(dir, options);
    ASSERT_TRUE(appender.ok()) << appender.status();
    ASSERT_TRUE((*appender)->Add(Doc("a", "The cat sat.")).ok());
    ASSERT_TRUE((*appender)->Add(Doc("b", "A dog, 42 dogs!")).ok());
    EXPECT_EQ((*appender)->committed(), 2u);  // a full shard commits
    ASSERT_TRUE((*appender)->Add(Doc("c", "Birds.")).ok());
    EXPECT_EQ((*appender)->committed(), 2u);
    EXPECT_THAT(Ids(dir), ElementsAre("a", "b"));  // readable between commits
    ASSERT_TRUE((*appender)->Commit().ok());
    EXPECT_EQ((*appender)->committed(), 3u);
  }
  auto again = StoreAppender::Open(dir, options);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE((*again)->Contains("b"));
  absl::Status duplicate = (*again)->Add(Doc("b", "again"));
  EXPECT_TRUE(absl::IsAlreadyExists(duplicate)) << duplicate;
  absl::Status bad = (*again)->Add(Doc("d", std::string("ok \xff", 4)));
  EXPECT_TRUE(absl::IsInvalidArgument(bad)) << bad;
  EXPECT_THAT(std::string(bad.message()), HasSubstr("byte 3"));
  EXPECT_TRUE(absl::IsInvalidArgument((*again)->Add(Doc("", "no id"))));
  EXPECT_TRUE(absl::IsInvalidArgument((*again)->Add(Doc("e", ""))));
  ASSERT_TRUE((*again)->Add(Doc("f", "Fish.")).ok());
  ASSERT_TRUE((*again)->Commit().ok());
  EXPECT_THAT(Ids(dir), ElementsAre("a", "b", "c", "f"));
  auto reader = StoreReader::Open(dir);
  ASSERT_TRUE(reader.ok());
  EXPECT_GE((*reader)->vocabulary().size(), 5u);  // the, cat, sat, a, dog, 42, ...
}

TEST(StoreAppenderTest, MissingStoreAndForeignStore) {
  StoreAppenderOptions options;
  options.create_if_missing = false;
  const std::string dir = wordloom::testing::TempDir() + "/none";
  EXPECT_TRUE(absl::IsNotFound(StoreAppender::Open(dir, options).status()));
  // A store `wordloom index` wrote with other tokenizer options is refused.
  const std::string input = wordloom::testing::TempDir() + "/in.txt";
  wordloom::testing::WriteFile(input, "one line\n");
  IngestOptions index;
  index.inputs = {input};
  index.tokenizer.keep_punctuation = false;
  index.progress_mode = 2;
  const std::string indexed = wordloom::testing::TempDir() + "/indexed";
  ASSERT_TRUE(RunIngest(indexed, index).ok());
  absl::Status foreign = StoreAppender::Open(indexed, {}).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(foreign)) << foreign;
}

}  // namespace
}  // namespace wordloom::corpora
