// fastText quantized (.ftz) compatibility: supervised models trained and
// then quantized here by Debian's `fasttext quantize` (default, -qnorm,
// -cutoff, -qout, a dsub that does not divide dim) load through
// LoadClassifier and predict what `fasttext predict-prob` prints, to 1e-4.
#include <string>

#include "absl/strings/str_cat.h"
#include "embeddings/classifier/model_io.h"
#include "gtest/gtest.h"
#include "tests/embeddings/classifier/predict_prob_compare.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::classifier {
namespace {

using ft_compat::kFastText;

// Trains `train` with `train_options`, quantizes with `quantize_options` and
// compares predict-prob (k = 3) on `queries`. Returns the .ftz path.
std::string CheckQuantized(const std::string& train, const std::string& queries,
                           const std::string& train_options, const std::string& quantize_options,
                           const std::string& name) {
  const std::string prefix = testing::TempDir() + "/" + name;
  testing::WriteFile(prefix + ".train", train);
  testing::WriteFile(prefix + ".queries", queries);
  std::string out, err;
  const std::string ftz = prefix + ".ftz";
  EXPECT_EQ(testing::RunCommand(absl::StrCat(kFastText, " supervised -input ", prefix,
                                             ".train -output ", prefix, " ", train_options,
                                             " -epoch 5 -thread 1 -verbose 0"),
                                &out, &err), 0) << err;
  EXPECT_EQ(testing::RunCommand(absl::StrCat(kFastText, " quantize -input ", prefix,
                                             ".train -output ", prefix, " ", quantize_options),
                                &out, &err), 0) << err;
  EXPECT_EQ(testing::RunCommand(
                absl::StrCat(kFastText, " predict-prob ", ftz, " ", prefix, ".queries 3"), &out,
                &err), 0) << err;
  auto model = LoadClassifier(ftz);
  if (!model.ok()) {
    ADD_FAILURE() << model.status();
    return ftz;
  }
  EXPECT_TRUE((*model)->data().quant_input.has_value()) << name;
  ft_compat::ExpectSamePredictProb(**model, queries, 3, out, name);
  return ftz;
}

std::string CheckThreeClasses(const std::string& quantize_options, const std::string& name) {
  std::string queries = ft_compat::ThreeClassCorpus(2, 60);
  queries += "\nunknownword another\n__label__sport\nsport3 __label__food food2 shared1\n";
  return CheckQuantized(ft_compat::ThreeClassCorpus(1, 600), queries,
                 "-dim 10 -wordNgrams 2 -bucket 5000", quantize_options, name);
}

TEST(FtzImportTest, DefaultQuantization) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckThreeClasses("", "ftz_default");
}

TEST(FtzImportTest, QuantizedNorms) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckThreeClasses("-qnorm", "ftz_qnorm");
}

TEST(FtzImportTest, CutoffPrunesDictionaryAndBuckets) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckThreeClasses("-cutoff 300 -qnorm", "ftz_cutoff");
}

TEST(FtzImportTest, SubspaceWidthNotDividingDim) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckThreeClasses("-dsub 3", "ftz_dsub3");  // dim 10: three of 3, one of 1
}

TEST(FtzImportTest, CharacterNgramsWithCutoff) {
  WL_REQUIRE_PROGRAM(kFastText);
  std::string queries = ft_compat::ThreeClassCorpus(2, 40) + "sport99 musicc unseen\n";
  CheckQuantized(ft_compat::ThreeClassCorpus(1, 600), queries,
                 "-dim 10 -minn 2 -maxn 4 -bucket 5000", "-cutoff 500", "ftz_subwords");
}

// -qout needs at least 256 output rows in fastText: 300 labels.
TEST(FtzImportTest, QuantizedOutputSoftmax) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckQuantized(ft_compat::ManyClassCorpus(1, 3000, 300),
                 ft_compat::ManyClassCorpus(2, 50, 300), "-dim 8 -loss softmax",
                 "-qout", "ftz_qout");
}

TEST(FtzImportTest, QuantizedOutputHierarchicalSoftmaxAllOptions) {
  WL_REQUIRE_PROGRAM(kFastText);
  CheckQuantized(ft_compat::ManyClassCorpus(1, 3000, 300),
                 ft_compat::ManyClassCorpus(2, 50, 300), "-dim 8 -loss hs",
                 "-qout -qnorm -cutoff 400", "ftz_qout_hs");
}

TEST(FtzImportTest, TruncatedFtzIsDataLoss) {
  WL_REQUIRE_PROGRAM(kFastText);
  const std::string path = CheckThreeClasses("-qnorm", "ftz_trunc");
  std::string bytes = testing::ReadFile(path);
  for (size_t cut : {bytes.size() - 1, bytes.size() - 300, bytes.size() / 2, size_t{200}}) {
    testing::WriteFile(path, bytes.substr(0, cut));
    auto model = LoadClassifier(path);
    ASSERT_FALSE(model.ok()) << cut;
    EXPECT_EQ(model.status().code(), absl::StatusCode::kDataLoss) << model.status();
  }
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
