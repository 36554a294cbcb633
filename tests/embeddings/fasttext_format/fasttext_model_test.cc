// fastText .bin compatibility: models trained here by Debian's `fasttext`
// CLI must give the vectors `fasttext print-word-vectors` prints, for
// vocabulary words and out-of-vocabulary words (subword n-grams), to 1e-5.
#include "embeddings/fasttext_format/fasttext_model.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "embeddings/word2vec/model_io.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::fasttext {
namespace {

constexpr char kFastText[] = "/usr/bin/fasttext";

std::string Corpus(bool labels) {
  std::mt19937 rng(3);
  const char* words[] = {"apple", "apples", "banana", "orange", "grape", "caf\xc3\xa9",
                         "na\xc3\xafve", "river", "rivers", "stone", "\xe9t\xe9", "x"};
  std::string text;
  for (int i = 0; i < 300; ++i) {
    if (labels) absl::StrAppend(&text, "__label__", i % 3 ? "fruit " : "other ");
    for (int j = 0; j < 8; ++j) absl::StrAppend(&text, j ? " " : "", words[rng() % 12]);
    text += "\n";
  }
  return text;
}

// Runs `fasttext print-word-vectors` on `words`; returns word -> values.
std::vector<std::vector<double>> PrintWordVectors(const std::string& bin,
                                                  const std::vector<std::string>& words) {
  std::string input = testing::TempDir() + "/words.txt";
  std::string text;
  for (const auto& w : words) text += w + "\n";
  testing::WriteFile(input, text);
  std::string out, err;
  EXPECT_EQ(testing::RunCommand(absl::StrCat(kFastText, " print-word-vectors ", bin, " < ", input),
                                &out, &err), 0) << err;
  std::vector<std::vector<double>> result;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    std::vector<std::string> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
    std::vector<double> v;
    for (size_t i = 1; i < f.size(); ++i) v.push_back(std::stod(f[i]));
    result.push_back(v);
  }
  return result;
}

// Runs `fasttext print-sentence-vectors` (one line per sentence).
std::vector<std::vector<double>> PrintSentenceVectors(const std::string& bin,
                                                      const std::vector<std::string>& lines) {
  std::string input = testing::TempDir() + "/sentences.txt";
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  testing::WriteFile(input, text);
  std::string out, err;
  EXPECT_EQ(testing::RunCommand(
                absl::StrCat(kFastText, " print-sentence-vectors ", bin, " < ", input), &out, &err),
            0) << err;
  std::vector<std::vector<double>> result;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    std::vector<double> v;
    for (absl::string_view f : absl::StrSplit(line, ' ', absl::SkipEmpty())) {
      v.push_back(std::stod(std::string(f)));
    }
    result.push_back(v);
  }
  return result;
}

// Sentence vectors of a skipgram/cbow .bin (mean of unit word vectors,
// out-of-vocabulary words through their n-grams) match fastText's.
void CheckSentenceVectors(const std::string& bin) {
  auto vectors = word2vec::LoadVectors(bin);
  ASSERT_TRUE(vectors.ok()) << vectors.status();
  const std::vector<std::vector<std::string_view>> sentences = {
      {"apple", "banana", "river"}, {"applesauce", "caf\xc3\xa9", "stone"}, {"x"}, {"zq", "x"}};
  std::vector<std::string> lines;
  for (const auto& words : sentences) {
    std::string line;
    for (std::string_view w : words) line += (line.empty() ? "" : " ") + std::string(w);
    lines.push_back(line);
  }
  auto want = PrintSentenceVectors(bin, lines);
  ASSERT_EQ(want.size(), sentences.size());
  std::vector<float> ours((*vectors)->dim());
  for (size_t i = 0; i < sentences.size(); ++i) {
    (*vectors)->SentenceVector(sentences[i], ours.data());
    ASSERT_EQ(want[i].size(), ours.size()) << lines[i];
    for (size_t j = 0; j < ours.size(); ++j) {
      EXPECT_NEAR(ours[j], want[i][j], 1e-5 + 5e-5 * std::fabs(want[i][j])) << lines[i] << "[" << j << "]";
    }
  }
}

// Trains with the fastText CLI and checks our vectors against its own.
void CheckModel(const std::string& command, const std::string& name, bool labels) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/corpus.txt", Corpus(labels));
  std::string out, err;
  ASSERT_EQ(testing::RunCommand(absl::StrCat(kFastText, " ", command, " -input ", dir,
                                             "/corpus.txt -output ", dir, "/", name,
                                             " -dim 8 -epoch 2 -minCount 1 -bucket 2000"
                                             " -thread 1 -verbose 0"),
                                &out, &err), 0) << err;
  const std::string bin = dir + "/" + name + ".bin";
  // Loading tells a progress reporter every byte of the file once.
  FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  ProgressReporter progress({.mode = ProgressOptions::Mode::kAlways, .out = sink});
  auto model = FastTextModel::Load(bin, &progress);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(progress.bytes(), testing::ReadFile(bin).size());
  EXPECT_EQ(progress.items(), (*model)->entries().size());
  progress.Finish();
  std::fclose(sink);
  auto vectors = word2vec::LoadVectors(bin);
  ASSERT_TRUE(vectors.ok()) << vectors.status();
  std::vector<std::string> words = {"apple", "caf\xc3\xa9", "\xe9t\xe9", "</s>", "x",
                                    // out of vocabulary:
                                    "applesauce", "riverstone", "\xc3\xa9t\xc3\xa9", "zq", "caf\xe9"};
  auto want = PrintWordVectors(bin, words);
  ASSERT_EQ(want.size(), words.size());
  std::vector<float> ours((*model)->args().dim), via_vectors(ours.size());
  for (size_t i = 0; i < words.size(); ++i) {
    (*model)->WordVector(words[i], ours.data());
    (*vectors)->WordVector(words[i], via_vectors.data());
    ASSERT_EQ(want[i].size(), ours.size()) << words[i];
    for (size_t j = 0; j < ours.size(); ++j) {
      // print-word-vectors prints 5 significant digits.
      const double tolerance = 1e-5 + 5e-5 * std::fabs(want[i][j]);
      EXPECT_NEAR(ours[j], want[i][j], tolerance) << name << " " << words[i] << "[" << j << "]";
      EXPECT_EQ(ours[j], via_vectors[j]);
    }
  }
  if (!labels) CheckSentenceVectors(bin);
}

TEST(FastTextModelTest, SkipgramWithSubwordsMatchesPrintWordVectors) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckModel("skipgram -minn 2 -maxn 4", "sg", false);
}

TEST(FastTextModelTest, CbowWithoutSubwordsMatchesPrintWordVectors) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckModel("cbow -maxn 0", "cbow", false);
}

TEST(FastTextModelTest, SupervisedModelExposesLabelsAndMatrices) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckModel("supervised -wordNgrams 2 -minn 3 -maxn 5", "sup", true);
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/corpus.txt", Corpus(true));
  std::string out, err;
  ASSERT_EQ(testing::RunCommand(absl::StrCat(kFastText, " supervised -input ", dir,
                                             "/corpus.txt -output ", dir,
                                             "/s -dim 4 -epoch 1 -bucket 100 -wordNgrams 2"
                                             " -minCount 1 -thread 1 -verbose 0"),
                                &out, &err), 0) << err;
  auto sup = FastTextModel::Load(dir + "/s.bin");
  ASSERT_TRUE(sup.ok()) << sup.status();
  const FastTextModel& m = **sup;
  EXPECT_EQ(m.args().model, ModelName::kSupervised);
  EXPECT_EQ(m.args().loss, LossName::kSoftmax);
  EXPECT_EQ(m.args().word_ngrams, 2);
  EXPECT_EQ(m.nlabels(), 2);
  EXPECT_GE(m.FindLabel("__label__fruit"), 0);
  EXPECT_GE(m.FindLabel("__label__other"), 0);
  EXPECT_EQ(m.FindLabel("apple"), -1);
  EXPECT_EQ(m.entries()[m.nwords()].type, EntryType::kLabel);
  EXPECT_EQ(m.output().rows(), 2u);
  EXPECT_EQ(m.input().rows(), static_cast<size_t>(m.nwords()) + 100);
  EXPECT_EQ(m.input().cols(), 4u);
}

TEST(FastTextModelTest, TruncatedAndForeignFilesGiveClearErrors) {
  WL_REQUIRE_PROGRAM(kFastText);
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/corpus.txt", Corpus(false));
  std::string out, err;
  ASSERT_EQ(testing::RunCommand(absl::StrCat(kFastText, " skipgram -input ", dir,
                                             "/corpus.txt -output ", dir,
                                             "/t -dim 4 -epoch 1 -bucket 100 -minCount 1"
                                             " -thread 1 -verbose 0"),
                                &out, &err), 0) << err;
  std::string bytes = testing::ReadFile(dir + "/t.bin");
  for (size_t cut : {size_t{2}, size_t{30}, size_t{70}, size_t{200}, bytes.size() - 4}) {
    testing::WriteFile(dir + "/cut.bin", bytes.substr(0, cut));
    auto r = FastTextModel::Load(dir + "/cut.bin");
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss) << r.status();
    EXPECT_NE(r.status().message().find("cut.bin"), std::string::npos);
  }
  testing::WriteFile(dir + "/foreign.bin", "\x7f" "ELF and then some more bytes");
  auto r = FastTextModel::Load(dir + "/foreign.bin");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("foreign.bin"), std::string::npos);
}

}  // namespace
}  // namespace wordloom::embeddings::fasttext
