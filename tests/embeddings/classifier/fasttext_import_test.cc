// fastText supervised .bin compatibility: models trained here by Debian's
// `fasttext supervised` must give the labels and probabilities that
// `fasttext predict-prob` prints, to 1e-4, for every loss, with word
// bigrams and with character n-grams, on lines with labels, unknown words
// and no words at all.
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "embeddings/classifier/model_io.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/predict_prob_compare.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::classifier {
namespace {

using ft_compat::kFastText;
using ft_compat::ThreeClassCorpus;

void CheckAgainstFastText(const std::string& options, const std::string& name) {
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/train.txt", ThreeClassCorpus(1, 600));
  std::string queries = ThreeClassCorpus(2, 60);
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
  ft_compat::ExpectSamePredictProb(**model, queries, 3, out, name);
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
  testing::WriteFile(dir + "/text.txt", ThreeClassCorpus(3, 100));
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
