#include <string>
#include <vector>

#include "corpora/ingest.h"
#include "corpora/store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

std::string Corpus() {
  const std::string path = TempDir() + "/corpus.txt";
  WriteFile(path,
            "The cat sat on the mat.\n"
            "The dog chased the cat!\n"
            "Bad \xff utf8 here\n"
            "A bird, a plane, 42 planes.\n"
            "the the the\n");
  return path;
}

IngestOptions Options(const std::string& input) {
  IngestOptions o;
  o.inputs = {input};
  o.tokenizer.keep_punctuation = false;
  o.store.shard_max_docs = 2;
  o.progress_mode = 2;  // never
  return o;
}

std::vector<std::vector<std::string>> Terms(const StoreReader& store) {
  std::vector<std::vector<std::string>> out;
  auto cursor = store.Documents();
  while (true) {
    auto doc = cursor->Next();
    EXPECT_TRUE(doc.ok()) << doc.status();
    if (!doc.ok() || !doc->has_value()) break;
    std::vector<std::string> terms;
    for (int32_t id : (*doc)->token_ids) terms.push_back(store.vocabulary().Term(id));
    out.push_back(terms);
  }
  return out;
}

TEST(StoreTest, IndexesTokensSkipsBadUtf8AndReadsBack) {
  const std::string dir = TempDir() + "/s1";
  auto summary = RunIngest(dir, Options(Corpus()));
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->stats.documents, 4u);
  EXPECT_EQ(summary->stats.skipped, 1u);
  ASSERT_EQ(summary->errors.size(), 1u);
  EXPECT_THAT(summary->errors[0].source, HasSubstr("corpus.txt:3"));
  auto store = StoreReader::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  auto terms = Terms(**store);
  ASSERT_EQ(terms.size(), 4u);
  EXPECT_THAT(terms[0], ElementsAre("the", "cat", "sat", "on", "the", "mat"));
  EXPECT_THAT(terms[2], ElementsAre("a", "bird", "a", "plane", "42", "planes"));
  const nlp::Vocabulary& v = (*store)->vocabulary();
  EXPECT_EQ(v.Count(v.Find("the")), 7);
  EXPECT_EQ(v.DocumentFrequency(v.Find("the")), 3);
  EXPECT_EQ(v.num_documents(), 4);
}

TEST(StoreTest, ContentDoesNotDependOnThreads) {
  const std::string corpus = Corpus();
  IngestOptions one = Options(corpus);
  one.threads = 1;
  one.batch_docs = 1;
  IngestOptions two = Options(corpus);
  two.threads = 2;
  // TempDir() is a fresh directory on every call: keep one.
  const std::string dir = TempDir();
  ASSERT_TRUE(RunIngest(dir + "/t1", one).ok());
  ASSERT_TRUE(RunIngest(dir + "/t2", two).ok());
  auto a = StoreReader::Open(dir + "/t1");
  auto b = StoreReader::Open(dir + "/t2");
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(*(*a)->LogicalChecksum(), *(*b)->LogicalChecksum());
}

TEST(StoreTest, PruningRemapsIdsAndDropsTerms) {
  const std::string dir = TempDir() + "/pruned";
  IngestOptions o = Options(Corpus());
  o.prune.min_count = 2;
  ASSERT_TRUE(RunIngest(dir, o).ok());
  auto store = StoreReader::Open(dir);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->vocabulary().Term(0), "the");
  EXPECT_EQ((*store)->vocabulary().size(), 3u);  // the, cat, a
  auto terms = Terms(**store);
  EXPECT_THAT(terms[0], ElementsAre("the", "cat", "the"));
}

TEST(StoreTest, ExistingStoreNeedsResumeAndMatchingOptions) {
  const std::string dir = TempDir() + "/again";
  IngestOptions o = Options(Corpus());
  ASSERT_TRUE(RunIngest(dir, o).ok());
  EXPECT_EQ(RunIngest(dir, o).status().code(), absl::StatusCode::kFailedPrecondition);
  o.store.resume = true;
  auto again = RunIngest(dir, o);
  ASSERT_TRUE(again.ok()) << again.status();  // complete: nothing to do
  EXPECT_EQ(again->stats.documents, 4u);
  o.pretokenized = true;
  EXPECT_EQ(RunIngest(dir, o).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(StoreTest, FailPolicyStopsOnBadDocument) {
  IngestOptions o = Options(Corpus());
  o.reader.on_error = ErrorPolicy::kFail;
  auto summary = RunIngest(TempDir() + "/fail", o);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(std::string(summary.status().message()), HasSubstr("corpus.txt:3"));
}

TEST(StoreTest, CorruptShardIsDataLoss) {
  const std::string dir = TempDir() + "/corrupt";
  ASSERT_TRUE(RunIngest(dir, Options(Corpus())).ok());
  std::string shard = ::wordloom::testing::ReadFile(dir + "/shard-000000.tok");
  shard[1] ^= 1;
  WriteFile(dir + "/shard-000000.tok", shard);
  auto store = StoreReader::Open(dir);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->LogicalChecksum().status().code(), absl::StatusCode::kDataLoss);
}

TEST(StoreTest, PretokenizedTakesWhitespaceTermsAsTheyAre) {
  const std::string dir = TempDir();  // fresh on every call: keep one
  const std::string path = dir + "/pre.txt";
  WriteFile(path, "Don't STOP , me\n");
  IngestOptions o = Options(path);
  o.pretokenized = true;
  ASSERT_TRUE(RunIngest(dir + "/pre", o).ok());
  auto store = StoreReader::Open(dir + "/pre");
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_THAT(Terms(**store)[0], ElementsAre("Don't", "STOP", ",", "me"));
}

}  // namespace
}  // namespace wordloom::corpora
