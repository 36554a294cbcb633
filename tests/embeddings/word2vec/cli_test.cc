// The word-vector commands end to end through the built `wordloom` binary.
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom {
namespace {

struct Result {
  int exit_code;
  std::string out, err;
};

// Runs `wordloom args` with `input` on stdin.
Result RunCli(const std::string& args, const std::string& input = "") {
  Result r;
  r.exit_code = testing::RunCommand(
      absl::StrCat("printf '", input, "\\n' | ", testing::BinaryDir(), "/bin/wordloom ", args),
      &r.out, &r.err);
  return r;
}

std::string Corpus() {
  std::mt19937 rng(5);
  std::string text;
  for (int i = 0; i < 600; ++i) {
    const char* topic = i % 2 ? "Red" : "blue";
    for (int j = 0; j < 10; ++j) absl::StrAppend(&text, j ? " " : "", topic, rng() % 5, ",");
    text += "\n";
  }
  return text;
}

// Subsampling is off: with 10 words of frequency ~0.1 the default 1e-4
// would keep 3% of this small corpus and leave the vectors mostly random.
TEST(Word2VecCliTest, TrainThenQuery) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/c.txt", Corpus());
  Result train = RunCli(absl::StrCat("train-vectors --input ", dir, "/c.txt --output ", dir,
                                  "/m --mode cbow --dim 16 --window 3 --epoch 5 --min-count 2 "
                                  "--threads 1 --sample 0"));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  std::string vec = testing::ReadFile(dir + "/m.vec");
  EXPECT_EQ(vec.substr(0, vec.find('\n')), "10 16");

  // Query words are case-folded for .wlm models, printed as given.
  Result vectors = RunCli(absl::StrCat("vectors --model ", dir, "/m.wlm"), "RED1 blue2");
  ASSERT_EQ(vectors.exit_code, 0) << vectors.err;
  EXPECT_EQ(vectors.out.rfind("RED1 ", 0), 0u);
  EXPECT_EQ(std::count(vectors.out.begin(), vectors.out.end(), '\n'), 2);
  EXPECT_EQ(std::count(vectors.out.begin(), vectors.out.begin() + vectors.out.find('\n'), ' '), 17);

  Result nn = RunCli(absl::StrCat("neighbors --model ", dir, "/m.vec --k 3"), "red1");
  ASSERT_EQ(nn.exit_code, 0) << nn.err;
  EXPECT_NE(nn.out.find("{\"query\":\"red1\",\"neighbors\":[{\"word\":\"red"), std::string::npos)
      << nn.out;

  Result analogy = RunCli(absl::StrCat("analogy --model ", dir, "/m.wlm --k 2"), "red1 red2 blue1");
  ASSERT_EQ(analogy.exit_code, 0) << analogy.err;
  EXPECT_NE(analogy.out.find("\"answers\":[{\"word\":"), std::string::npos) << analogy.out;

  testing::WriteFile(dir + "/q.txt", ": x\nred1 red2 blue1 blue2\n");
  testing::WriteFile(dir + "/ws.tsv", "red1\tred2\t9\nred1\tblue1\t1\nblue1\tblue3\t8\n");
  Result eval = RunCli(absl::StrCat("eval-vectors --model ", dir, "/m.wlm --analogies ", dir,
                                 "/q.txt --similarity ", dir, "/ws.tsv"));
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("\"seen\":1"), std::string::npos) << eval.out;
  EXPECT_NE(eval.out.find("\"found\":3"), std::string::npos) << eval.out;
}

// train-vectors reads what corpora reads: JSONL through --format, and a
// corpus store written by `wordloom index`; both give the plain file's vocabulary.
TEST(Word2VecCliTest, TrainsFromReaderFormatsAndStores) {
  const std::string dir = testing::TempDir();
  const std::string corpus = Corpus();
  testing::WriteFile(dir + "/c.txt", corpus);
  std::string jsonl;
  for (absl::string_view line : absl::StrSplit(corpus, '\n', absl::SkipEmpty())) {
    absl::StrAppend(&jsonl, "{\"body\":\"", line, "\"}\n");
  }
  testing::WriteFile(dir + "/c.data", jsonl);
  const std::string common = " --mode skipgram --dim 8 --epoch 1 --min-count 2 --threads 1";
  Result r = RunCli(absl::StrCat("train-vectors --input ", dir, "/c.data --format jsonl "
                                 "--text-field body --output ", dir, "/j", common));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string vec = testing::ReadFile(dir + "/j.vec");
  EXPECT_EQ(vec.substr(0, vec.find('\n')), "10 8");

  r = RunCli(absl::StrCat("index --input ", dir, "/c.txt --out ", dir, "/store"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCli(absl::StrCat("train-vectors --store ", dir, "/store --output ", dir, "/s", common));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  vec = testing::ReadFile(dir + "/s.vec");
  EXPECT_EQ(vec.substr(0, vec.find('\n')), "10 8");
  EXPECT_NE(vec.find("\nred1 "), std::string::npos);

  r = RunCli(absl::StrCat("train-vectors --output ", dir, "/x", common));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--input or --store"), std::string::npos) << r.err;
  r = RunCli(absl::StrCat("train-vectors --store ", dir, "/nostore --output ", dir, "/x", common));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("nostore"), std::string::npos) << r.err;
}

// True when every value after the first `skip` fields of `line` is 0.
bool AllZero(const std::string& line, int skip) {
  std::vector<std::string> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
  for (size_t i = skip; i < f.size(); ++i) {
    if (std::stod(f[i]) != 0.0) return false;
  }
  return true;
}

TEST(Word2VecCliTest, BlazingTextNamesSubwordsAndSentenceVectors) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/c.txt", Corpus());
  Result train = RunCli(absl::StrCat(
      "train-vectors --input ", dir, "/c.txt --output ", dir,
      "/bt --mode skipgram --vector_dim 8 --window_size 2 --negative_samples 3 --min_count 2 "
      "--epochs 2 --learning_rate 0.05 --sampling_threshold 0.001 --subwords --min_char 3 "
      "--max_char 4 --buckets 5000 --threads 1"));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  std::string vec = testing::ReadFile(dir + "/bt.vec");
  EXPECT_EQ(vec.substr(0, vec.find('\n')), "10 8");

  // "red7" never occurs: its vector comes from the n-grams it shares.
  Result oov = RunCli(absl::StrCat("vectors --model ", dir, "/bt.wlm"), "red7\nqqqq");
  ASSERT_EQ(oov.exit_code, 0) << oov.err;
  std::vector<std::string> lines = absl::StrSplit(oov.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("red7 ", 0), 0u);
  EXPECT_FALSE(AllZero(lines[0], 1)) << lines[0];

  Result sentence =
      RunCli(absl::StrCat("vectors --sentence --model ", dir, "/bt.wlm"), "red1 blue2 Red3\n");
  ASSERT_EQ(sentence.exit_code, 0) << sentence.err;
  lines = absl::StrSplit(sentence.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);  // one line per input line, the empty one too
  EXPECT_EQ(std::count(lines[0].begin(), lines[0].end(), ' '), 8) << lines[0];
  EXPECT_FALSE(AllZero(lines[0], 0));
}

TEST(Word2VecCliTest, BadInputGivesClearErrors) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/tiny.txt", "just a few words\n");
  Result r = RunCli(absl::StrCat("train-vectors --input ", dir, "/tiny.txt --output ", dir,
                              "/t --mode skipgram --min-count 5"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("tiny.txt"), std::string::npos) << r.err;
  r = RunCli(absl::StrCat("train-vectors --input ", dir, "/tiny.txt --output ", dir,
                       "/t --mode skipgram --min-count 1 --window 10"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("window"), std::string::npos) << r.err;
  r = RunCli(absl::StrCat("train-vectors --input ", dir, "/tiny.txt --output ", dir,
                       "/t --mode skipgram --min-count 1 --dim 0"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("vector_dim"), std::string::npos) << r.err;

  testing::WriteFile(dir + "/ragged.vec", "2 3\na 1 2 3\nb 1 2\n");
  r = RunCli(absl::StrCat("vectors --model ", dir, "/ragged.vec"), "a");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("ragged.vec:3"), std::string::npos) << r.err;
  testing::WriteFile(dir + "/header.vec", "two three\na 1 2 3\n");
  r = RunCli(absl::StrCat("neighbors --model ", dir, "/header.vec"), "a");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("header.vec:1"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace wordloom
