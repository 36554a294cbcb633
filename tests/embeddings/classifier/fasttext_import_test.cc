// fastText supervised .bin compatibility: models trained here by Debian's
// `fasttext supervised` must give the labels and probabilities that
// `fasttext predict-prob` prints, to 1e-4, for every loss, with word
// bigrams and with character n-grams, on lines with labels, unknown words
// and no words at all.
#include <unistd.h>

#include <map>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "embeddings/classifier/batch_predictor.h"
#include "embeddings/classifier/model_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::classifier {
namespace {

constexpr char kFastText[] = "/usr/bin/fasttext";

// Three noisy classes of word soup, with shared words so probabilities are
// not all 0/1; labels sorted (fastText shuffles nothing, we do not care).
std::string Corpus(uint32_t seed, int lines) {
  std::mt19937 rng(seed);
  const char* classes[] = {"sport", "food", "music"};
  std::string text;
  for (int i = 0; i < lines; ++i) {
    int c = static_cast<int>(rng() % 3);
    absl::StrAppend(&text, "__label__", classes[c]);
    for (int j = 0; j < 6; ++j) {
      if (rng() % 3 == 0) {
        absl::StrAppend(&text, " shared", rng() % 15);
      } else {
        absl::StrAppend(&text, " ", classes[(c + (rng() % 4 == 0)) % 3], rng() % 10);
      }
    }
    text += i % 7 == 0 ? " caf\xc3\xa9\n" : "\n";
  }
  return text;
}

using LabelProbs = std::map<std::string, double>;

LabelProbs ParsePredictLine(absl::string_view line) {
  LabelProbs probs;
  std::vector<std::string> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
  for (size_t i = 0; i + 1 < f.size(); i += 2) probs[f[i]] = std::stod(f[i + 1]);
  return probs;
}

void CheckAgainstFastText(const std::string& options, const std::string& name) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/train.txt", Corpus(1, 600));
  std::string queries = Corpus(2, 60);
  queries += "\nunknownword another\n__label__sport\nsport3 __label__food food2 shared1\n";
  testing::WriteFile(dir + "/queries.txt", queries);
  std::string out, err;
  ASSERT_EQ(testing::RunCommand(absl::StrCat(kFastText, " supervised -input ", dir,
                                             "/train.txt -output ", dir, "/", name, " ", options,
                                             " -dim 10 -epoch 5 -thread 1 -verbose 0"),
                                &out, &err), 0) << err;
  const std::string bin = dir + "/" + name + ".bin";
  ASSERT_EQ(testing::RunCommand(
                absl::StrCat(kFastText, " predict-prob ", bin, " ", dir, "/queries.txt 3"), &out,
                &err), 0) << err;
  auto model = LoadClassifier(bin);
  ASSERT_TRUE(model.ok()) << model.status();
  BatchPredictor predictor(**model, {.k = 3, .threshold = 0.0f, .threads = 1});
  std::vector<std::string> split = absl::StrSplit(queries, '\n');
  split.pop_back();  // after the final newline
  std::vector<std::string_view> lines(split.begin(), split.end());
  std::string ours;
  predictor.PredictLines(lines, &ours);
  std::vector<std::string> want = absl::StrSplit(out, '\n');
  std::vector<std::string> got = absl::StrSplit(ours, '\n');
  ASSERT_EQ(got.size(), want.size()) << name;
  for (size_t i = 0; i < want.size(); ++i) {
    LabelProbs a = ParsePredictLine(want[i]), b = ParsePredictLine(got[i]);
    ASSERT_EQ(a.size(), b.size()) << name << " line " << i << ": " << want[i] << " | " << got[i];
    for (const auto& [label, p] : a) {
      ASSERT_TRUE(b.count(label)) << name << " line " << i << ": " << label;
      EXPECT_NEAR(b[label], p, 1e-4) << name << " line " << i << ": " << want[i] << " | "
                                     << got[i];
    }
  }
}

TEST(FastTextImportTest, SoftmaxUnigrams) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckAgainstFastText("-loss softmax", "softmax");
}

TEST(FastTextImportTest, SoftmaxBigrams) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckAgainstFastText("-loss softmax -wordNgrams 2 -bucket 5000", "bigrams");
}

TEST(FastTextImportTest, HierarchicalSoftmax) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckAgainstFastText("-loss hs -wordNgrams 2 -bucket 5000", "hs");
}

TEST(FastTextImportTest, NegativeSampling) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckAgainstFastText("-loss ns -neg 2", "ns");
}

TEST(FastTextImportTest, OneVsAll) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckAgainstFastText("-loss ova", "ova");
}

TEST(FastTextImportTest, CharacterNgrams) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckAgainstFastText("-minn 2 -maxn 4 -bucket 5000", "subwords");
}

TEST(FastTextImportTest, UnsupervisedModelIsRefused) {
  WL_REQUIRE_PROGRAM(kFastText);
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/text.txt", Corpus(3, 100));
  std::string out, err;
  ASSERT_EQ(testing::RunCommand(absl::StrCat(kFastText, " skipgram -input ", dir,
                                             "/text.txt -output ", dir,
                                             "/sg -dim 5 -epoch 1 -minCount 1 -bucket 100 "
                                             "-thread 1 -verbose 0"),
                                &out, &err), 0) << err;
  auto model = LoadClassifier(dir + "/sg.bin");
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), ::testing::HasSubstr("not a supervised"));
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
