// The `wordloom tfidf` and `wordloom keyphrases` commands end to end (the
// built binary): output shapes, values against the scikit-learn fixture,
// usage errors and bad input.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::testing::HasSubstr;
using ::wordloom::testing::BinaryDir;
using ::wordloom::testing::ReadFile;
using ::wordloom::testing::RunCommand;
using ::wordloom::testing::SourceDir;
using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

std::string Wordloom() { return BinaryDir() + "/bin/wordloom"; }
std::string Fixture() { return SourceDir() + "/tests/nlp/text/testdata/tfidf_docs.txt"; }

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// sklearn's value for (1-based line, term) under `setting`.
double Sklearn(const std::string& setting, int line, const std::string& term) {
  for (absl::string_view row : absl::StrSplit(ReadFile(SourceDir() + "/tests/nlp/text/testdata/tfidf_sklearn.tsv"), '\n')) {
    std::vector<std::string> f = absl::StrSplit(row, '\t');
    double w = 0;
    if (f.size() == 4 && f[0] == setting && f[1] == std::to_string(line) && f[2] == term &&
        absl::SimpleAtod(f[3], &w)) {
      return w;
    }
  }
  return -1;
}

TEST(CliTest, TfidfStoreLinesCarryTopKWeightsEqualToScikitLearn) {
  const std::string dir = TempDir();
  std::string out, err;
  ASSERT_EQ(RunCommand(absl::StrCat(Wordloom(), " index --pretokenized --input ", Fixture(), " --out ", dir, "/s"),
                       &out, &err), 0) << err;
  for (const std::string setting : {"default", "sublinear"}) {
    const std::string flag = setting == "sublinear" ? " --sublinear-tf" : "";
    ASSERT_EQ(RunCommand(absl::StrCat(Wordloom(), " tfidf --store ", dir, "/s --top 2", flag), &out, &err), 0) << err;
    const auto lines = Lines(out);
    ASSERT_EQ(lines.size(), 10u);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::vector<std::string> f = absl::StrSplit(lines[i], ' ');
      ASSERT_GE(f.size(), 2u) << lines[i];
      EXPECT_THAT(f[0], HasSubstr(absl::StrCat("tfidf_docs.txt:", i + 1)));
      EXPECT_LE(f.size(), 3u);
      for (size_t k = 1; k < f.size(); ++k) {
        const size_t colon = f[k].rfind(':');
        double w = 0;
        ASSERT_TRUE(absl::SimpleAtod(f[k].substr(colon + 1), &w)) << f[k];
        EXPECT_NEAR(w, Sklearn(setting, static_cast<int>(i + 1), f[k].substr(0, colon)), 1e-12) << f[k];
      }
    }
  }
  // The in-memory path names documents by line number and gives the same.
  ASSERT_EQ(RunCommand(absl::StrCat(Wordloom(), " tfidf --input ", Fixture(), " --top 1"), &out, &err), 0) << err;
  EXPECT_EQ(Lines(out)[4].substr(0, 6), "5 cat:");
}

TEST(CliTest, TfidfUsageErrorsExitNonZero) {
  std::string out, err;
  EXPECT_EQ(RunCommand(Wordloom() + " tfidf", &out, &err), 2);
  EXPECT_THAT(err, HasSubstr("exactly one of --store"));
  EXPECT_NE(RunCommand(Wordloom() + " tfidf --store /nonexistent/store", &out, &err), 0);
  EXPECT_THAT(err, HasSubstr("/nonexistent/store"));
}

TEST(CliTest, KeyphrasesJsonLinesShapedLikeComprehend) {
  const std::string dir = TempDir();
  const std::string lines[] = {"Corpus indexing jobs stream large document archives into a corpus store.",
                               "Keyphrase extraction scores candidate phrases with TF-IDF statistics."};
  WriteFile(dir + "/in.txt", absl::StrCat(lines[0], "\n", lines[1], "\n"));
  std::string out, err;
  ASSERT_EQ(RunCommand(absl::StrCat(Wordloom(), " keyphrases --max-phrases 3 ", dir, "/in.txt"), &out, &err), 0) << err;
  const auto got = Lines(out);
  ASSERT_EQ(got.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    nlohmann::json j = nlohmann::json::parse(got[i]);
    ASSERT_TRUE(j.contains("KeyPhrases")) << got[i];
    ASSERT_EQ(j["KeyPhrases"].size(), 3u);
    for (const auto& p : j["KeyPhrases"]) {
      const size_t b = p["BeginOffset"], e = p["EndOffset"];
      EXPECT_EQ(lines[i].substr(b, e - b), p["Text"].get<std::string>());
      EXPECT_GT(p["Score"].get<double>(), 0.0);
      EXPECT_LE(p["Score"].get<double>(), 1.0);
    }
  }
  // With a store for the idf, and a bad line: an Error object, exit != 0.
  ASSERT_EQ(RunCommand(absl::StrCat(Wordloom(), " index --input ", dir, "/in.txt --out ", dir, "/s"), &out, &err), 0);
  WriteFile(dir + "/bad.txt", "fine line here\nbad \xff line\n");
  EXPECT_NE(RunCommand(absl::StrCat(Wordloom(), " keyphrases --store ", dir, "/s ", dir, "/bad.txt"), &out, &err), 0);
  const auto bad = Lines(out);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_THAT(bad[0], HasSubstr("KeyPhrases"));
  EXPECT_THAT(bad[1], HasSubstr("Error"));
  EXPECT_THAT(err, HasSubstr("bad.txt"));
}

TEST(CliTest, KeyphrasesUseTheBackgroundModelAndSaySo) {
  const std::string dir = TempDir();
  // Background: "system" is in every document, "lattice" in none.
  std::string corpus;
  for (int i = 0; i < 50; ++i) absl::StrAppend(&corpus, "the system number ", i, " runs\n");
  WriteFile(dir + "/bg.txt", corpus);
  std::filesystem::create_directories(dir + "/models");
  std::string out, err;
  ASSERT_EQ(RunCommand(absl::StrCat(Wordloom(), " train-keyphrases --format lines --min-df 1 --input ", dir,
                                    "/bg.txt --output ", dir, "/models/keyphrases-background.wlm"), &out, &err), 0)
      << err;
  EXPECT_THAT(err, HasSubstr("50 documents"));
  WriteFile(dir + "/in.txt", "system lattice\n");
  const std::string top = absl::StrCat(" keyphrases --max-words 1 --max-phrases 1 ", dir, "/in.txt");
  // Default model from $WORDLOOM_MODELS: the rare word wins.
  ASSERT_EQ(RunCommand(absl::StrCat("WORDLOOM_MODELS=", dir, "/models ", Wordloom(), top), &out, &err), 0) << err;
  EXPECT_THAT(err, HasSubstr("background: model"));
  EXPECT_THAT(out, HasSubstr("\"Text\":\"lattice\""));
  // No model there: idf 1, said on stderr; the first word wins the tie.
  ASSERT_EQ(RunCommand(absl::StrCat("WORDLOOM_MODELS=", dir, " ", Wordloom(), top), &out, &err), 0) << err;
  EXPECT_THAT(err, HasSubstr("background: none"));
  EXPECT_THAT(out, HasSubstr("\"Text\":\"system\""));
  // An explicit model that is not one: an error, not a silent fallback.
  WriteFile(dir + "/junk.wlm", "not a model");
  EXPECT_NE(RunCommand(absl::StrCat(Wordloom(), " keyphrases --background-model ", dir, "/junk.wlm ", dir, "/in.txt"),
                       &out, &err), 0);
  EXPECT_THAT(err, HasSubstr("junk.wlm"));
}

}  // namespace
}  // namespace wordloom::corpora
