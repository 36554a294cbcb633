#include "tests/embeddings/classifier/predict_prob_compare.h"

#include <map>
#include <random>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "embeddings/classifier/batch_predictor.h"
#include "gtest/gtest.h"

namespace wordloom::embeddings::classifier::ft_compat {
namespace {

using LabelProbs = std::map<std::string, double>;

LabelProbs ParsePredictLine(absl::string_view line) {
  LabelProbs probs;
  std::vector<std::string> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
  for (size_t i = 0; i + 1 < f.size(); i += 2) probs[f[i]] = std::stod(f[i + 1]);
  return probs;
}

}  // namespace

std::string ThreeClassCorpus(uint32_t seed, int lines) {
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

std::string ManyClassCorpus(uint32_t seed, int lines, int labels) {
  std::mt19937 rng(seed);
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const int c = static_cast<int>(rng() % labels);
    absl::StrAppend(&text, "__label__c", c);
    for (int j = 0; j < 5; ++j) {
      if (rng() % 4 != 0) {
        absl::StrAppend(&text, " w", (c * 3 + rng() % 6) % (3 * labels));
      } else {
        absl::StrAppend(&text, " s", rng() % 30);
      }
    }
    text += "\n";
  }
  return text;
}

void ExpectSamePredictProb(const ClassifierModel& model, const std::string& queries, int k,
                           const std::string& want, const std::string& name) {
  BatchPredictor predictor(model, {.k = k, .threshold = 0.0f, .threads = 1});
  std::vector<std::string> split = absl::StrSplit(queries, '\n');
  split.pop_back();  // after the final newline
  std::vector<std::string_view> lines(split.begin(), split.end());
  std::string ours;
  predictor.PredictLines(lines, &ours);
  std::vector<std::string> expected = absl::StrSplit(want, '\n');
  std::vector<std::string> got = absl::StrSplit(ours, '\n');
  ASSERT_EQ(got.size(), expected.size()) << name;
  for (size_t i = 0; i < expected.size(); ++i) {
    LabelProbs a = ParsePredictLine(expected[i]), b = ParsePredictLine(got[i]);
    ASSERT_EQ(a.size(), b.size()) << name << " line " << i << ": " << expected[i] << " | "
                                  << got[i];
    for (const auto& [label, p] : a) {
      ASSERT_TRUE(b.count(label)) << name << " line " << i << ": " << label;
      EXPECT_NEAR(b[label], p, 1e-4) << name << " line " << i << ": " << expected[i] << " | "
                                     << got[i];
    }
  }
}

}  // namespace wordloom::embeddings::classifier::ft_compat
