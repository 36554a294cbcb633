// `wordloom index` killed with SIGKILL at several points and run again with
// --resume ends with exactly the corpus of a clean run.
#include <string>

#include "absl/strings/str_cat.h"
#include "corpora/store.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::wordloom::testing::BinaryDir;
using ::wordloom::testing::RunCommand;
using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

std::string MakeCorpus() {
  const std::string path = TempDir() + "/corpus.jsonl";
  std::string data;
  for (int i = 0; i < 3000; ++i) {
    data += absl::StrCat("{\"id\": \"d", i, "\", \"text\": \"document ", i, " talks about topic ",
                         i % 17, " and word", i * 7 % 101, " with more words ", i % 5, "\"}\n");
    if (i % 500 == 250) data += "not json at all\n";
  }
  WriteFile(path, data);
  return path;
}

std::string IndexCommand(const std::string& corpus, const std::string& store) {
  return absl::StrCat(BinaryDir(), "/bin/wordloom index --input ", corpus, " --out ", store,
                      " --shard-docs 100 --threads 2 --min-count 2");
}

uint64_t Checksum(const std::string& store) {
  auto reader = StoreReader::Open(store);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return 0;
  auto sum = (*reader)->LogicalChecksum();
  EXPECT_TRUE(sum.ok()) << sum.status();
  return sum.ok() ? *sum : 0;
}

TEST(ResumeTest, KilledAtCommitPointsThenResumedEqualsCleanRun) {
  const std::string corpus = MakeCorpus();
  std::string out, err;
  const std::string clean = TempDir() + "/clean";
  ASSERT_EQ(RunCommand(IndexCommand(corpus, clean), &out, &err), 0) << err;
  const uint64_t expected = Checksum(clean);
  ASSERT_NE(expected, 0u);
  for (int kill_at : {1, 7, 30}) {
    const std::string store = absl::StrCat(TempDir(), "/killed", kill_at);
    const std::string cmd = IndexCommand(corpus, store);
    EXPECT_NE(RunCommand(absl::StrCat(cmd, " --testing-kill-after-commits ", kill_at), &out, &err), 0);
    EXPECT_FALSE(StoreReader::Open(store).ok());  // incomplete
    // A second kill during the resumed run, then a final resume.
    RunCommand(absl::StrCat(cmd, " --resume --testing-kill-after-commits ", kill_at + 3), &out, &err);
    ASSERT_EQ(RunCommand(cmd + " --resume", &out, &err), 0) << err;
    EXPECT_EQ(Checksum(store), expected) << "killed after " << kill_at << " commits";
  }
}

TEST(ResumeTest, KilledAtArbitraryTimesThenResumedEqualsCleanRun) {
  const std::string corpus = MakeCorpus();
  std::string out, err;
  const std::string clean = TempDir() + "/clean2";
  ASSERT_EQ(RunCommand(IndexCommand(corpus, clean), &out, &err), 0) << err;
  const uint64_t expected = Checksum(clean);
  for (int delay_ms : {5, 20, 60}) {
    const std::string store = absl::StrCat(TempDir(), "/timed", delay_ms);
    const std::string cmd = IndexCommand(corpus, store);
    RunCommand(absl::StrCat(cmd, " & pid=$!; sleep ", delay_ms / 1000.0,
                            "; kill -9 $pid 2>/dev/null; wait $pid"),
               &out, &err);
    ASSERT_EQ(RunCommand(cmd + " --resume", &out, &err), 0) << err;
    EXPECT_EQ(Checksum(store), expected) << "killed after " << delay_ms << " ms";
  }
}

}  // namespace
}  // namespace wordloom::corpora
