// A corpus store read back as documents: ids, sources and the stored terms
// joined by spaces, in order; progress counts tokens; unfinished or missing
// stores are errors.
#include "corpora/store_documents.h"

#include <string>
#include <vector>

#include "corpora/ingest.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

TEST(StoreDocumentsTest, ReadsEveryDocumentAsItsTerms) {
  const std::string input = TempDir() + "/in.txt";
  WriteFile(input, "The cat sat on the mat.\nA dog, a BIRD!\n");
  IngestOptions o;
  o.inputs = {input};
  o.tokenizer.keep_punctuation = false;
  o.store.shard_max_docs = 1;  // two shards
  o.progress_mode = 2;
  const std::string dir = TempDir() + "/store";
  ASSERT_TRUE(RunIngest(dir, o).ok());
  EXPECT_TRUE(IsCorpusStore(dir));
  EXPECT_FALSE(IsCorpusStore(input));

  auto reader = OpenStoreDocuments(dir);
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<Document> docs;
  while (true) {
    auto doc = (*reader)->Next();
    ASSERT_TRUE(doc.ok()) << doc.status();
    if (!doc->has_value()) break;
    docs.push_back(**doc);
  }
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "the cat sat on the mat");
  EXPECT_EQ(docs[1].text, "a dog a bird");
  EXPECT_EQ(docs[1].id, input + ":2");
  EXPECT_EQ((*reader)->bytes_read(), 10u);  // tokens
  EXPECT_EQ((*reader)->total_bytes(), 10u);
}

TEST(StoreDocumentsTest, MissingStoreIsAnError) {
  EXPECT_FALSE(OpenStoreDocuments(TempDir() + "/none").ok());
  EXPECT_FALSE(IsCorpusStore(TempDir() + "/none"));
}

}  // namespace
}  // namespace wordloom::corpora
