// Test helpers shared by the fastText compatibility tests (.bin and .ftz):
// synthetic labelled corpora and a line-by-line comparison of
// `fasttext predict-prob` output with wordloom's.
#ifndef WORDLOOM_TESTS_EMBEDDINGS_CLASSIFIER_PREDICT_PROB_COMPARE_H_
#define WORDLOOM_TESTS_EMBEDDINGS_CLASSIFIER_PREDICT_PROB_COMPARE_H_

#include <cstdint>
#include <string>

#include "embeddings/classifier/classifier_model.h"

namespace wordloom::embeddings::classifier::ft_compat {

inline constexpr char kFastText[] = "/usr/bin/fasttext";

// Three noisy classes of word soup, with shared words so probabilities are
// not all 0/1, and a non-ASCII word on every 7th line.
std::string ThreeClassCorpus(uint32_t seed, int lines);

// `labels` classes, each with its own few words plus shared noise (for
// -qout, which fastText only allows with >= 256 output rows).
std::string ManyClassCorpus(uint32_t seed, int lines, int labels);

// Predicts every line of `queries` with `model` (k labels) and expects the
// same labels as `want` (fastText's predict-prob output for the same
// lines) with probabilities within 1e-4. `name` tags failures.
void ExpectSamePredictProb(const ClassifierModel& model, const std::string& queries, int k,
                           const std::string& want, const std::string& name);

}  // namespace wordloom::embeddings::classifier::ft_compat

#endif  // WORDLOOM_TESTS_EMBEDDINGS_CLASSIFIER_PREDICT_PROB_COMPARE_H_
