// End-to-end tests of `wordloom train-sentiment`, `sentiment` and
// `eval-sentiment`: DetectSentiment-shaped JSON lines and errors.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/nlp/analyze/sentiment/sentiment_test_corpus.h"
#include "tests/test_util.h"

namespace wordloom {
namespace {

struct Result {
  int exit_code = 0;
  std::string out, err;
};

Result RunWordloom(const std::string& args) {
  Result r;
  r.exit_code = testing::RunCommand(
      absl::StrCat(testing::BinaryDir(), "/bin/wordloom ", args), &r.out, &r.err);
  return r;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  for (size_t nl; (nl = text.find('\n', pos)) != std::string::npos; pos = nl + 1) {
    lines.push_back(text.substr(pos, nl - pos));
  }
  return lines;
}

class SentimentCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir();
    std::string sst;
    for (const auto& e : analyze::sentiment::TinyCorpus()) {
      absl::StrAppend(&sst, e.positive ? "1 " : "0 ", e.text, "\n");
    }
    testing::WriteFile(dir_ + "/train.sst", sst);
    Result r = RunWordloom(absl::StrCat("train-sentiment --sst ", dir_, "/train.sst --output ",
                                        dir_, "/s.wlm"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string dir_;
};

TEST_F(SentimentCliTest, OneDetectSentimentObjectPerLine) {
  const std::string input = absl::StrCat(
      "What a lovely hotel.\nThe story was boring.\nThe food was superb. The music was awful.\n",
      "\xF0\x9F\x98\x80\n\nbad \xFF byte\n", std::string(6000, 'a'), "\n");
  testing::WriteFile(dir_ + "/in.txt", input);
  Result r = RunWordloom(absl::StrCat("sentiment --model ", dir_, "/s.wlm ", dir_, "/in.txt"));
  EXPECT_EQ(r.exit_code, 2) << r.err;  // some lines rejected
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 7u) << r.out;
  const std::vector<std::string> expected = {"POSITIVE", "NEGATIVE", "MIXED", "NEUTRAL"};
  for (size_t i = 0; i < expected.size(); ++i) {
    auto j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j.at("Sentiment"), expected[i]) << lines[i];
    const auto& s = j.at("SentimentScore");
    const double sum = s.at("Positive").get<double>() + s.at("Negative").get<double>() +
                       s.at("Neutral").get<double>() + s.at("Mixed").get<double>();
    EXPECT_NEAR(sum, 1.0, 1e-4) << lines[i];
  }
  EXPECT_EQ(nlohmann::json::parse(lines[4]).at("Error").at("Code"), "InvalidRequestException");
  EXPECT_EQ(nlohmann::json::parse(lines[5]).at("Error").at("Code"), "InvalidRequestException");
  EXPECT_EQ(nlohmann::json::parse(lines[6]).at("Error").at("Code"),
            "TextSizeLimitExceededException");
  EXPECT_NE(r.err.find("in.txt:5"), std::string::npos) << r.err;
}

TEST_F(SentimentCliTest, SentencesOptionGivesOffsets) {
  testing::WriteFile(dir_ + "/in.txt", "The food was superb. The music was awful.\n");
  Result r = RunWordloom(
      absl::StrCat("sentiment --sentences --model ", dir_, "/s.wlm ", dir_, "/in.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(Lines(r.out).at(0));
  ASSERT_EQ(j.at("Sentences").size(), 2u);
  EXPECT_EQ(j.at("Sentences")[1].at("BeginOffset"), 21);
  EXPECT_EQ(j.at("Sentences")[1].at("Sentiment"), "NEGATIVE");
}

// Comprehend's UnsupportedLanguageException: an explicit code other than the
// model's stops the command; without a code, lines the language model is
// confident are in another language get an error object of their own.
TEST_F(SentimentCliTest, RefusesTextInAnotherLanguage) {
  testing::WriteFile(dir_ + "/in.txt", "What a lovely hotel.\n");
  Result fr = RunWordloom(absl::StrCat("sentiment --language-code fr --model ", dir_, "/s.wlm ",
                                       dir_, "/in.txt"));
  EXPECT_NE(fr.exit_code, 0);
  EXPECT_NE(fr.err.find("unsupported language \"fr\""), std::string::npos) << fr.err;
  Result en = RunWordloom(absl::StrCat("sentiment --language-code en-GB --model ", dir_,
                                       "/s.wlm ", dir_, "/in.txt"));
  EXPECT_EQ(en.exit_code, 0) << en.err;

  std::string eng;
  WL_REQUIRE_DATA(eng, "udhr_multilingual/eng.txt");
  Result lang = RunWordloom(absl::StrCat("train-language --udhr ", eng.substr(0, eng.rfind('/')),
                                         " --output ", dir_, "/lang.wlm"));
  ASSERT_EQ(lang.exit_code, 0) << lang.err;
  testing::WriteFile(dir_ + "/mixed.txt",
                     "What a lovely hotel, the rooms were clean and the staff were friendly.\n"
                     "Quel hôtel charmant, les chambres étaient propres et le personnel était "
                     "très aimable.\n");
  Result mixed = RunWordloom(absl::StrCat("sentiment --language-model ", dir_, "/lang.wlm --model ",
                                          dir_, "/s.wlm ", dir_, "/mixed.txt"));
  EXPECT_EQ(mixed.exit_code, 2) << mixed.err;
  const std::vector<std::string> lines = Lines(mixed.out);
  ASSERT_EQ(lines.size(), 2u) << mixed.out;
  EXPECT_EQ(nlohmann::json::parse(lines[0]).at("Sentiment"), "POSITIVE");
  EXPECT_EQ(nlohmann::json::parse(lines[1]).at("Error").at("Code"),
            "UnsupportedLanguageException");
  EXPECT_NE(mixed.err.find("mixed.txt:2"), std::string::npos) << mixed.err;
}

TEST_F(SentimentCliTest, ClearErrorsForMissingModelAndBadTrainingData) {
  Result missing = RunWordloom(absl::StrCat("sentiment --model ", dir_, "/none.wlm ", dir_,
                                            "/train.sst"));
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("none.wlm"), std::string::npos) << missing.err;
  testing::WriteFile(dir_ + "/bad.sst", "1 good\nx bad\n");
  Result bad = RunWordloom(
      absl::StrCat("train-sentiment --sst ", dir_, "/bad.sst --output ", dir_, "/b.wlm"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.sst:2"), std::string::npos) << bad.err;
  Result eval = RunWordloom(
      absl::StrCat("eval-sentiment --model ", dir_, "/s.wlm --sst ", dir_, "/train.sst"));
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("accuracy=1.0000"), std::string::npos) << eval.out;
}

}  // namespace
}  // namespace wordloom
