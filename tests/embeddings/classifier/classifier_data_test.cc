// Regression floor on a real data set: TREC-6 question classification from
// $WORDLOOM_DATA (train split; every 10th question held out as dev).
// fastText reaches ~0.86 on the official test set; the floor is well below.
#include <string>

#include "core/mapped_file.h"
#include "embeddings/classifier/metrics.h"
#include "embeddings/classifier/trainer.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::classifier {
namespace {

// "DESC:manner How did ..." -> label DESC, text "How did ...".
void SplitTrec(std::string_view contents, LabeledData* train, LabeledData* dev) {
  uint64_t line_number = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = contents.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    size_t colon = line.find(':');
    size_t space = line.find(' ');
    if (colon == std::string_view::npos || space == std::string_view::npos) continue;
    LabeledExample example;
    example.labels.emplace_back(line.substr(0, colon));
    example.text.assign(line.substr(space + 1));
    example.line = line_number;
    (line_number % 10 == 0 ? dev : train)->examples.push_back(std::move(example));
  }
}

TEST(ClassifierDataTest, Trec6DevAccuracyFloor) {
  std::string path;
  WL_REQUIRE_DATA(path, "trec_qc/TREC.train");
  auto file = MappedFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  LabeledData train, dev;
  SplitTrec((*file)->view(), &train, &dev);
  ASSERT_GT(train.examples.size(), 4000u);
  TrainerOptions options;
  options.epochs = 10;
  options.word_ngrams = 2;
  options.threads = 1;  // deterministic (Hogwild on 2 threads varies by ~0.5 points)
  auto model = TrainClassifier(train, nullptr, options, nullptr);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ((*model)->num_labels(), 6);
  Evaluation e = Evaluate(**model, dev, {});
  EXPECT_GE(e.precision_at_k, 0.80);
  RecordProperty("trec_dev_accuracy", std::to_string(e.precision_at_k));
}

}  // namespace
}  // namespace wordloom::embeddings::classifier
