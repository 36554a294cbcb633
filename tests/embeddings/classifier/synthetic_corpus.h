// Tiny synthetic labelled corpora for classifier tests (fixed seeds).
#ifndef WORDLOOM_TESTS_EMBEDDINGS_CLASSIFIER_SYNTHETIC_CORPUS_H_
#define WORDLOOM_TESTS_EMBEDDINGS_CLASSIFIER_SYNTHETIC_CORPUS_H_

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "embeddings/classifier/classifier_model.h"
#include "embeddings/classifier/labeled_data.h"
#include "gtest/gtest.h"

namespace wordloom::embeddings::classifier::testing {

// `classes` classes, each with 8 topic words; every document has 3 topic
// words of its class and 5 shared noise words. Sorted by label on purpose
// (the trainer must shuffle).
inline LabeledData SeparableCorpus(int classes, int per_class, uint32_t seed) {
  std::mt19937 rng(seed);
  LabeledData data;
  for (int c = 0; c < classes; ++c) {
    for (int i = 0; i < per_class; ++i) {
      LabeledExample ex;
      ex.labels = {absl::StrCat("c", c)};
      for (int w = 0; w < 8; ++w) {
        if (w % 2 == 0 && w < 6) {
          absl::StrAppend(&ex.text, "topic", c, "x", rng() % 8, " ");
        } else {
          absl::StrAppend(&ex.text, "noise", rng() % 20, " ");
        }
      }
      data.examples.push_back(std::move(ex));
    }
  }
  return data;
}

// Multi-label: each document has a non-empty subset of {a, b, c} as labels
// and 3 topic words per label plus noise.
inline LabeledData MultiLabelCorpus(int docs, uint32_t seed) {
  std::mt19937 rng(seed);
  const char* names[] = {"a", "b", "c"};
  LabeledData data;
  for (int i = 0; i < docs; ++i) {
    int mask = 1 + static_cast<int>(rng() % 7);
    LabeledExample ex;
    for (int l = 0; l < 3; ++l) {
      if (!(mask & (1 << l))) continue;
      ex.labels.push_back(names[l]);
      for (int w = 0; w < 3; ++w) absl::StrAppend(&ex.text, names[l], "word", rng() % 6, " ");
    }
    for (int w = 0; w < 3; ++w) absl::StrAppend(&ex.text, "noise", rng() % 20, " ");
    data.examples.push_back(std::move(ex));
  }
  return data;
}

// Word order only: "good not bad" vs "bad not good" have the same bag of
// words; only bigrams separate them.
inline LabeledData OrderCorpus(int per_class, uint32_t seed) {
  std::mt19937 rng(seed);
  LabeledData data;
  for (int i = 0; i < 2 * per_class; ++i) {
    LabeledExample ex;
    bool positive = i % 2 == 0;
    ex.labels = {positive ? "pos" : "neg"};
    ex.text = absl::StrCat("n", rng() % 10, " ", positive ? "good not bad" : "bad not good", " n",
                           rng() % 10);
    data.examples.push_back(std::move(ex));
  }
  return data;
}

// For a model trained on SeparableCorpus(2, ...) from pretrained vectors
// whose "unseenword" row is (0.5, 0, ..., 0, -0.5): that row is kept as given
// (the word is in no example, so never updated) and topic-1 words still
// predict c1.
inline void ExpectPretrainedRowKept(const ClassifierModel& model) {
  const ModelData& data = model.data();
  auto it = std::find(data.words.begin(), data.words.end(), "unseenword");
  ASSERT_NE(it, data.words.end());
  const float* row = data.input.Row(it - data.words.begin());
  EXPECT_EQ(row[0], 0.5f);
  EXPECT_EQ(row[9], -0.5f);
  EXPECT_EQ(model.label(model.Predict("topic1x2 topic1x3", 1)[0].label), "c1");
}

// fastText-format training text for the CLI tests: 40 "sports" and 40 "food"
// lines over five topic words each plus a numeric token.
inline std::string SportsAndFoodTrainingText() {
  std::string train;
  for (int i = 0; i < 40; ++i) {
    absl::StrAppend(&train, "__label__sports football match goal team ", i % 7, "\n");
    absl::StrAppend(&train, "__label__food pasta recipe sauce cheese ", i % 5, "\n");
  }
  return train;
}

}  // namespace wordloom::embeddings::classifier::testing

#endif  // WORDLOOM_TESTS_EMBEDDINGS_CLASSIFIER_SYNTHETIC_CORPUS_H_
