// End-to-end tests of `wordloom train-entities`, `entities` and
// `eval-entities`: DetectEntities-shaped JSON lines, byte offsets, errors.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/test_util.h"

namespace wordloom {
namespace {

std::string Binary() { return testing::BinaryDir() + "/bin/wordloom"; }

struct Result {
  int exit_code = 0;
  std::string out, err;
};

Result RunWordloom(const std::string& args) {
  Result r;
  r.exit_code = testing::RunCommand(absl::StrCat(Binary(), " ", args), &r.out, &r.err);
  return r;
}

constexpr char kTrain[] =
    "John NNP I-PER\nSmith NNP I-PER\nvisited VBD O\nParis NNP I-LOC\n. . O\n\n"
    "Acme NNP I-ORG\nCorp NNP I-ORG\nhired VBD O\nMary NNP I-PER\nJones NNP I-PER\n. . O\n\n"
    "Mary NNP I-PER\nflew VBD O\nto TO O\nRome NNP I-LOC\nwith IN O\nJohn NNP I-PER\n. . O\n\n"
    "Globex NNP I-ORG\nbought VBD O\nAcme NNP I-ORG\nCorp NNP I-ORG\nin IN O\nParis NNP I-LOC\n"
    ". . O\n\n"
    "Talks VBZ O\nend VBP O\non IN O\n3 CD O\nMarch NNP O\n1997 CD O\n. . O\n";

class EntitiesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir();
    testing::WriteFile(dir_ + "/train.conll", kTrain);
    Result r = RunWordloom(absl::StrCat("train-entities --train ", dir_, "/train.conll --dev ", dir_,
                                "/train.conll --output ", dir_, "/ner.wlm --epochs 10"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string dir_;
};

TEST_F(EntitiesCliTest, OneDetectEntitiesObjectPerLine) {
  const std::string input = "John Smith visited Paris on 3 March 1997.\n\n🙂\nMary Jones\n";
  testing::WriteFile(dir_ + "/in.txt", input);
  Result r = RunWordloom(absl::StrCat("entities --model ", dir_, "/ner.wlm ", dir_, "/in.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines;
  size_t pos = 0;
  for (size_t nl; (nl = r.out.find('\n', pos)) != std::string::npos; pos = nl + 1) {
    lines.push_back(r.out.substr(pos, nl - pos));
  }
  ASSERT_EQ(lines.size(), 4u) << r.out;
  const std::string first = "John Smith visited Paris on 3 March 1997.";
  auto j = nlohmann::json::parse(lines[0]);
  bool person = false, date = false;
  for (const auto& e : j.at("Entities")) {
    const size_t b = e.at("BeginOffset"), end = e.at("EndOffset");
    EXPECT_EQ(e.at("Text").get<std::string>(), first.substr(b, end - b));
    const double score = e.at("Score");
    EXPECT_GE(score, 0.0);
    EXPECT_LE(score, 1.0);
    person |= e.at("Type") == "PERSON" && e.at("Text") == "John Smith";
    date |= e.at("Type") == "DATE" && e.at("Text") == "3 March 1997";
  }
  EXPECT_TRUE(person) << lines[0];
  EXPECT_TRUE(date) << lines[0];
  EXPECT_EQ(lines[1], "{\"Entities\":[]}");
  EXPECT_EQ(lines[2], "{\"Entities\":[]}");
}

TEST_F(EntitiesCliTest, InvalidUtf8LineGetsAnErrorObjectAndExitCode) {
  testing::WriteFile(dir_ + "/bad.txt", "John Smith\nbad \xff byte\n");
  Result r = RunWordloom(absl::StrCat("entities --model ", dir_, "/ner.wlm ", dir_, "/bad.txt"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("InvalidRequestException"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("bad.txt:2"), std::string::npos) << r.err;
}

TEST_F(EntitiesCliTest, MissingModelAndBadTrainingDataFail) {
  Result r = RunWordloom(absl::StrCat("entities --model ", dir_, "/none.wlm"));
  EXPECT_NE(r.exit_code, 0);
  testing::WriteFile(dir_ + "/bad.conll", "John NNP I-PER\nSmith\n");
  r = RunWordloom(absl::StrCat("train-entities --train ", dir_, "/bad.conll --output ", dir_, "/x.wlm"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("bad.conll:2"), std::string::npos) << r.err;
}

TEST_F(EntitiesCliTest, TrainsWithWordClustersFromUnlabelledText) {
  std::string unlabeled;
  for (int i = 0; i < 20; ++i) {
    unlabeled += "John Smith flew to Paris with Mary Jones today .\n";
    unlabeled += "Acme Corp hired Peter Brown in Rome last week .\n";
  }
  testing::WriteFile(dir_ + "/unlabeled.txt", unlabeled);
  Result r = RunWordloom(absl::StrCat("train-entities --train ", dir_, "/train.conll --unlabeled ", dir_,
                               "/unlabeled.txt --unlabeled-format lines --clusters 8 --output ",
                               dir_, "/clustered.wlm --epochs 5"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("8 clusters of"), std::string::npos) << r.err;
  r = RunWordloom(absl::StrCat("entities --model ", dir_, "/clustered.wlm ", dir_, "/unlabeled.txt"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = RunWordloom(absl::StrCat("train-entities --train ", dir_, "/train.conll --unlabeled ", dir_,
                      "/unlabeled.txt --unlabeled-format nonsense --output ", dir_, "/x.wlm"));
  EXPECT_NE(r.exit_code, 0);
}

TEST_F(EntitiesCliTest, EvalPrintsConllevalScores) {
  Result r = RunWordloom(absl::StrCat("eval-entities --model ", dir_, "/ner.wlm ", dir_, "/train.conll"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("FB1: 100.00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("words/s"), std::string::npos);
}

}  // namespace
}  // namespace wordloom
