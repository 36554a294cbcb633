// TrainingCorpus from every source: text, a corpora reader (JSONL, a
// directory) and a corpus store written by the ingest pipeline. All must
// give the same vocabulary and the same token stream for the same text.
#include "embeddings/word2vec/training_corpus.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "corpora/ingest.h"
#include "corpora/reader.h"
#include "corpora/store.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::word2vec {
namespace {

constexpr CorpusOptions kOptions = {.min_count = 2, .threads = 2, .quiet = true};
const char* const kLines[] = {"The cat sat on the mat", "a dog sat on a log",
                              "The CAT saw the dog", "rare words appear once",
                              "the log and the mat"};

std::string PlainText() {
  std::string text;
  for (const char* line : kLines) absl::StrAppend(&text, line, "\n");
  return text;
}

// Words of `corpus` in order, sentences joined by " | ".
std::string Stream(const TrainingCorpus& corpus) {
  std::string out;
  for (int32_t id : corpus.tokens()) {
    absl::StrAppend(&out, id == TrainingCorpus::kSentenceEnd ? "|" : corpus.vocab().Term(id), " ");
  }
  return out;
}

void ExpectSameCorpus(const TrainingCorpus& a, const TrainingCorpus& b) {
  ASSERT_EQ(a.vocab().size(), b.vocab().size());
  for (size_t i = 0; i < a.vocab().size(); ++i) {
    EXPECT_EQ(a.vocab().Term(i), b.vocab().Term(i));
    EXPECT_EQ(a.vocab().Count(i), b.vocab().Count(i));
  }
  EXPECT_EQ(Stream(a), Stream(b));
  EXPECT_EQ(a.num_words(), b.num_words());
}

TEST(TrainingCorpusSourcesTest, ReaderGivesTheSameCorpusAsText) {
  auto text = TrainingCorpus::FromText(PlainText(), "lines.txt", kOptions);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(Stream(**text).substr(0, 22), "the cat sat on the mat");
  EXPECT_EQ((*text)->vocab().Find("rare"), nlp::Vocabulary::kNotFound);  // below min_count

  const std::string dir = testing::TempDir();
  std::string jsonl;
  for (int i = 0; i < 5; ++i) absl::StrAppend(&jsonl, "{\"id\":\"d", i, "\",\"text\":\"", kLines[i], "\"}\n");
  testing::WriteFile(dir + "/docs.jsonl", jsonl);
  auto reader = corpora::OpenReader(dir + "/docs.jsonl", {});
  ASSERT_TRUE(reader.ok()) << reader.status();
  auto from_jsonl = TrainingCorpus::FromReader(**reader, "docs.jsonl", kOptions);
  ASSERT_TRUE(from_jsonl.ok()) << from_jsonl.status();
  ExpectSameCorpus(**text, **from_jsonl);

  // A directory of one-document files; a document's lines are sentences.
  testing::WriteFile(dir + "/d/a.txt", absl::StrCat(kLines[0], "\n", kLines[1], "\n"));
  testing::WriteFile(dir + "/d/b.txt", absl::StrCat(kLines[2], "\n", kLines[3], "\n", kLines[4]));
  reader = corpora::OpenReader(dir + "/d", {});
  ASSERT_TRUE(reader.ok()) << reader.status();
  auto from_dir = TrainingCorpus::FromReader(**reader, "d", kOptions);
  ASSERT_TRUE(from_dir.ok()) << from_dir.status();
  ExpectSameCorpus(**text, **from_dir);
}

TEST(TrainingCorpusSourcesTest, StoreGivesTheSameCorpusAsText) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/lines.txt", PlainText());
  corpora::IngestOptions ingest;
  ingest.inputs = {dir + "/lines.txt"};
  ingest.threads = 2;
  auto summary = corpora::RunIngest(dir + "/store", ingest);
  ASSERT_TRUE(summary.ok()) << summary.status();
  auto store = corpora::StoreReader::Open(dir + "/store");
  ASSERT_TRUE(store.ok()) << store.status();
  auto from_store = TrainingCorpus::FromStore(**store, kOptions);
  ASSERT_TRUE(from_store.ok()) << from_store.status();
  auto text = TrainingCorpus::FromText(PlainText(), "lines.txt", kOptions);
  ASSERT_TRUE(text.ok()) << text.status();
  ExpectSameCorpus(**text, **from_store);
}

TEST(TrainingCorpusSourcesTest, ErrorsNameTheSource) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/few.jsonl", "{\"text\":\"only once each\"}\n");
  auto reader = corpora::OpenReader(dir + "/few.jsonl", {});
  ASSERT_TRUE(reader.ok());
  auto corpus = TrainingCorpus::FromReader(**reader, "few.jsonl", kOptions);
  ASSERT_FALSE(corpus.ok());
  EXPECT_NE(std::string(corpus.status().message()).find("few.jsonl: no word occurs"),
            std::string::npos) << corpus.status();

  testing::WriteFile(dir + "/bad.jsonl", "{\"text\":\"the cat\"}\nnot json\n");
  corpora::ReaderOptions fail;
  fail.on_error = corpora::ErrorPolicy::kFail;
  reader = corpora::OpenReader(dir + "/bad.jsonl", fail);
  ASSERT_TRUE(reader.ok());
  corpus = TrainingCorpus::FromReader(**reader, "bad.jsonl", kOptions);
  ASSERT_FALSE(corpus.ok());
  EXPECT_NE(std::string(corpus.status().message()).find("bad.jsonl:2"), std::string::npos)
      << corpus.status();
}

}  // namespace
}  // namespace wordloom::embeddings::word2vec
