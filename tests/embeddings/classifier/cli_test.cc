// The classifier commands end to end through the built `wordloom` binary:
// train-classifier on label-sorted input, classify (predict-prob lines, for
// our models and for fastText .bin models, where the output must be what
// `fasttext predict-prob` prints), test-classifier, and bad input.
#include <unistd.h>

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom {
namespace {

using ::testing::HasSubstr;

struct Result {
  int exit_code;
  std::string out, err;
};

Result RunCli(const std::string& args) {
  Result r;
  r.exit_code = testing::RunCommand(absl::StrCat(testing::BinaryDir(), "/bin/wordloom ", args),
                                    &r.out, &r.err);
  return r;
}

// fastText-format lines, sorted by label (the trainer must shuffle): class
// c uses words cN, with shared noise words.
std::string SortedCorpus(int per_class, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string text;
  for (const char* label : {"red", "green", "blue"}) {
    for (int i = 0; i < per_class; ++i) {
      absl::StrAppend(&text, "__label__", label);
      for (int j = 0; j < 5; ++j) {
        absl::StrAppend(&text, " ", j % 2 ? absl::StrCat("noise", rng() % 30)
                                          : absl::StrCat(label, rng() % 12));
      }
      text += "\n";
    }
  }
  return text;
}

TEST(ClassifierCliTest, TrainClassifyAndTest) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/train.txt", SortedCorpus(150, 1));
  testing::WriteFile(dir + "/test.txt", SortedCorpus(30, 2));
  Result train = RunCli(absl::StrCat("train-classifier --input ", dir, "/train.txt --output ",
                                     dir, "/m.wlm --epoch 5 --lr 0.5 --dim 10 --word-ngrams 2 "
                                     "--threads 2 --validation ", dir, "/test.txt"));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_THAT(train.err, HasSubstr("450 examples"));

  Result classify = RunCli(absl::StrCat("classify --model ", dir, "/m.wlm --k 2 ", dir,
                                        "/test.txt"));
  ASSERT_EQ(classify.exit_code, 0) << classify.err;
  std::vector<std::string> lines = absl::StrSplit(classify.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 90u);
  std::vector<std::string> first = absl::StrSplit(lines[0], ' ');
  ASSERT_EQ(first.size(), 4u) << lines[0];
  EXPECT_EQ(first[0], "__label__red");
  EXPECT_GT(std::stod(first[1]), std::stod(first[3]));
  EXPECT_EQ(first[2].rfind("__label__", 0), 0u);

  Result stdin_run = RunCli(absl::StrCat("classify --model ", dir,
                                         "/m.wlm < /dev/null"));
  EXPECT_EQ(stdin_run.exit_code, 0) << stdin_run.err;
  EXPECT_EQ(stdin_run.out, "");

  Result test = RunCli(absl::StrCat("test-classifier --model ", dir, "/m.wlm ", dir,
                                    "/test.txt"));
  ASSERT_EQ(test.exit_code, 0) << test.err;
  EXPECT_THAT(test.out, HasSubstr("N\t90\nP@1\t"));
  for (const char* key : {"MacroF1", "MicroF1", "HammingLoss", "__label__green\t", "confusion"}) {
    EXPECT_THAT(test.out, HasSubstr(key));
  }
  std::string p1 = test.out.substr(test.out.find("P@1\t") + 4, 5);
  EXPECT_GE(std::stod(p1), 0.95) << test.out;  // label-sorted input still trains
}

TEST(ClassifierCliTest, FastTextBinPrintsWhatFastTextPrints) {
  constexpr char kFastText[] = "/usr/bin/fasttext";
  WL_REQUIRE_PROGRAM(kFastText);
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/train.txt", SortedCorpus(100, 3));
  testing::WriteFile(dir + "/test.txt", SortedCorpus(10, 4) + "unseen words only\n\n");
  std::string want, err;
  ASSERT_EQ(testing::RunCommand(absl::StrCat(kFastText, " supervised -input ", dir,
                                             "/train.txt -output ", dir,
                                             "/ft -dim 10 -epoch 5 -thread 1 -verbose 0"),
                                &want, &err), 0) << err;
  ASSERT_EQ(testing::RunCommand(absl::StrCat(kFastText, " predict-prob ", dir, "/ft.bin ", dir,
                                             "/test.txt 3"),
                                &want, &err), 0) << err;
  Result ours = RunCli(absl::StrCat("classify --model ", dir, "/ft.bin --k 3 ", dir, "/test.txt"));
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  std::vector<std::string> a = absl::StrSplit(want, '\n'), b = absl::StrSplit(ours.out, '\n');
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    std::vector<std::string> fa = absl::StrSplit(a[i], ' ', absl::SkipEmpty());
    std::vector<std::string> fb = absl::StrSplit(b[i], ' ', absl::SkipEmpty());
    ASSERT_EQ(fa.size(), fb.size()) << a[i] << " | " << b[i];
    for (size_t j = 0; j < fa.size(); j += 2) {
      EXPECT_EQ(fa[j], fb[j]) << "line " << i;
      EXPECT_NEAR(std::stod(fa[j + 1]), std::stod(fb[j + 1]), 1e-4) << "line " << i;
    }
  }
  Result test = RunCli(absl::StrCat("test-classifier --model ", dir, "/ft.bin ", dir,
                                    "/test.txt"));
  ASSERT_EQ(test.exit_code, 0) << test.err;
  EXPECT_THAT(test.out, HasSubstr("N\t30\n"));
}

// Comprehend's custom-classifier CSV (multi-label `A|B,text`), one-vs-all
// loss, and classify with a probability threshold.
TEST(ClassifierCliTest, ComprehendCsvMultiLabel) {
  const std::string dir = testing::TempDir();
  std::mt19937 rng(9);
  std::string csv;
  for (int i = 0; i < 300; ++i) {
    int mask = 1 + static_cast<int>(rng() % 3);  // 1: sports, 2: music, 3: both
    std::string labels = mask == 1 ? "SPORTS" : mask == 2 ? "MUSIC" : "SPORTS|MUSIC";
    std::string text;
    if (mask & 1) absl::StrAppend(&text, "goal", rng() % 5, " match", rng() % 5, " ");
    if (mask & 2) absl::StrAppend(&text, "guitar", rng() % 5, " song", rng() % 5, " ");
    absl::StrAppend(&csv, labels, ",\"", text, "the, end\"\n");
  }
  testing::WriteFile(dir + "/train.csv", csv);
  Result train = RunCli(absl::StrCat("train-classifier --input ", dir, "/train.csv --format "
                                     "comprehend --loss ova --output ", dir, "/m.wlm --epoch 10 "
                                     "--lr 0.5 --dim 8 --threads 1"));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  testing::WriteFile(dir + "/q.txt", "goal1 match2 guitar3 song4\nguitar1 song2\n");
  Result r = RunCli(absl::StrCat("classify --model ", dir, "/m.wlm --k -1 --threshold 0.5 ",
                                 dir, "/q.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = absl::StrSplit(r.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_THAT(lines[0], HasSubstr("__label__SPORTS"));
  EXPECT_THAT(lines[0], HasSubstr("__label__MUSIC"));
  EXPECT_THAT(lines[1], HasSubstr("__label__MUSIC"));
  EXPECT_THAT(lines[1], ::testing::Not(HasSubstr("__label__SPORTS")));
  Result test = RunCli(absl::StrCat("test-classifier --model ", dir, "/m.wlm --format comprehend "
                                    "--k -1 --threshold 0.5 ", dir, "/train.csv"));
  ASSERT_EQ(test.exit_code, 0) << test.err;
  EXPECT_THAT(test.out, HasSubstr("Accuracy\t1.0000"));
}

TEST(ClassifierCliTest, BadInputGivesClearErrors) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/empty.txt", "");
  Result r = RunCli(absl::StrCat("train-classifier --input ", dir, "/empty.txt --output ", dir,
                                 "/e.wlm"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("empty.txt: empty input"));

  testing::WriteFile(dir + "/nolabel.txt", "just text\nmore text here\n");
  r = RunCli(absl::StrCat("train-classifier --input ", dir, "/nolabel.txt --output ", dir,
                          "/n.wlm"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("no labelled example (2 non-blank records"));

  testing::WriteFile(dir + "/one.txt", "__label__only a b c\n__label__only\n__label__only d\n");
  r = RunCli(absl::StrCat("train-classifier --input ", dir, "/one.txt --output ", dir,
                          "/one.wlm --threads 1 --dim 4"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCli(absl::StrCat("classify --model ", dir, "/one.wlm ", dir, "/one.txt"));
  EXPECT_EQ(r.out.substr(0, 16), "__label__only 1.") << r.out;

  r = RunCli(absl::StrCat("train-classifier --input ", dir, "/one.txt --output ", dir,
                          "/x.wlm --loss bogus"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("unknown loss 'bogus'"));

  std::string model = testing::ReadFile(dir + "/one.wlm");
  model[model.size() / 2] ^= 0x20;
  testing::WriteFile(dir + "/corrupt.wlm", model);
  r = RunCli(absl::StrCat("classify --model ", dir, "/corrupt.wlm ", dir, "/one.txt"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("corrupt.wlm: checksum mismatch"));

  testing::WriteFile(dir + "/foreign.bin", "not a model at all");
  r = RunCli(absl::StrCat("classify --model ", dir, "/foreign.bin ", dir, "/one.txt"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("not a wordloom model"));

  r = RunCli(absl::StrCat("test-classifier --model ", dir, "/one.wlm ", dir, "/missing.txt"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("missing.txt"));
}

}  // namespace
}  // namespace wordloom
