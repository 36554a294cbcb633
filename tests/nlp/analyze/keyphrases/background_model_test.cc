// The keyphrase background model: build, save, load, and the errors of a
// truncated or foreign file.
#include "nlp/analyze/keyphrases/background_model.h"

#include <string>

#include "gtest/gtest.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

using ::wordloom::testing::ReadFile;
using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

TEST(BackgroundModelTest, SavesAndLoadsDocumentFrequencies) {
  auto builder = BackgroundBuilder::Create();
  ASSERT_TRUE(builder.ok()) << builder.status();
  ASSERT_TRUE((*builder)->Add("The Lattice and the lattice.").ok());
  ASSERT_TRUE((*builder)->Add("A system of 3 systems.").ok());
  ASSERT_TRUE((*builder)->Add("system").ok());
  EXPECT_FALSE((*builder)->Add("bad \xff byte").ok());
  const std::string path = TempDir() + "/bg.wlm";
  ASSERT_TRUE((*builder)->Save(path, "unit test", 2).ok());
  absl::StatusOr<BackgroundModel> model = LoadBackgroundModel(path);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->source, "unit test");
  EXPECT_EQ(model->vocabulary->num_documents(), 3);
  const int32_t system = model->vocabulary->Find("system");
  ASSERT_NE(system, Vocabulary::kNotFound);
  EXPECT_EQ(model->vocabulary->DocumentFrequency(system), 2);
  EXPECT_EQ(model->vocabulary->Find("lattice"), Vocabulary::kNotFound);  // df 1 < min 2
}

TEST(BackgroundModelTest, TruncatedForeignAndMissingFilesAreClearErrors) {
  auto builder = BackgroundBuilder::Create();
  ASSERT_TRUE(builder.ok());
  ASSERT_TRUE((*builder)->Add("one two three").ok());
  const std::string dir = TempDir();
  ASSERT_TRUE((*builder)->Save(dir + "/ok.wlm", "t", 1).ok());
  const std::string bytes = ReadFile(dir + "/ok.wlm");
  WriteFile(dir + "/cut.wlm", bytes.substr(0, bytes.size() - 5));
  EXPECT_TRUE(absl::IsDataLoss(LoadBackgroundModel(dir + "/cut.wlm").status()));
  WriteFile(dir + "/foreign.wlm", "#wordloom-vocab v1 3\n");
  EXPECT_TRUE(absl::IsInvalidArgument(LoadBackgroundModel(dir + "/foreign.wlm").status()));
  EXPECT_TRUE(absl::IsNotFound(LoadBackgroundModel(dir + "/missing.wlm").status()));
}

TEST(BackgroundModelTest, RareBackgroundWordsRankFirst) {
  auto builder = BackgroundBuilder::Create();
  ASSERT_TRUE(builder.ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE((*builder)->Add("a common system").ok());
  auto extractor = KeyphraseExtractor::Create({.max_words = 1}, (*builder)->TakeVocabulary());
  ASSERT_TRUE(extractor.ok());
  auto phrases = (*extractor)->Extract("system lattice");
  ASSERT_TRUE(phrases.ok());
  ASSERT_EQ(phrases->size(), 2u);
  EXPECT_EQ((*phrases)[0].text, "lattice");
}

}  // namespace
}  // namespace wordloom::nlp
