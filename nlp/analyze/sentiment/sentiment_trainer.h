// Training for the sentiment model: NB-weighted logistic regression (NB-LR,
// the logistic-loss form of NB-SVM, Wang & Manning 2012). Each binarized
// feature f gets the naive Bayes log-count ratio
//   r_f = log((alpha + p_f) / (alpha F + |p|)) - log((alpha + q_f) / (alpha F + |q|))
// (p_f, q_f: positive / negative texts containing f; F: feature count), then
// a logistic regression over the scaled features r_f x_f is trained by SGD
// with L2 (shuffled each epoch by a fixed seed, so training is
// deterministic; weights averaged over the second half of the epochs). As in
// NB-SVM, w is interpolated towards its mean magnitude,
//   w'_f = beta w_f + (1 - beta) mean|w|   (beta = `interpolation`),
// which mixes in plain naive Bayes; the model keeps w'_f r_f per feature.
// Scores are then Platt-calibrated: the same recipe is cross-fitted over
// calibration_folds folds, and (a, b) of sigmoid(a z + b) are fitted to the
// held-out scores, so P(positive) -- and with it NEUTRAL and MIXED -- means
// what it says. The defaults were chosen on SST-2 dev and MR 10-fold CV
// (bench/sentiment).
//
// Also readers for the public sentiment sets of ../shared/corpora with a
// deterministic k-fold split (example i of each file is in fold i % folds),
// so accuracy is measured on texts the model never saw.
#ifndef WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_TRAINER_H_
#define WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_TRAINER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/analyze/sentiment/sentiment_analyzer.h"

namespace wordloom::analyze::sentiment {

struct SentimentExample {
  bool positive = false;
  std::string text;  // UTF-8
};

struct SentimentTrainerOptions {
  double alpha = 0.5;           // NB smoothing
  double l2 = 3e-4;             // L2 penalty per example
  int epochs = 20;              // SGD passes over the data
  double interpolation = 0.5;   // beta: 1 = pure NB-LR, 0 = naive Bayes
  int calibration_folds = 5;    // Platt scaling by cross-fitting (0: none)
  double learning_rate = 0.05;  // initial step, decayed as lr / (1 + lr l2 t)
  uint64_t seed = 1;            // shuffling
};

// Trains from labelled texts. InvalidArgument when there are no examples,
// only one class, or a text is ill-formed UTF-8 (naming the example).
absl::StatusOr<SentimentModelData> TrainSentimentModel(
    const std::vector<SentimentExample>& examples, const SentimentTrainerOptions& options);

// Which examples a reader returns: with folds == 0 all of them; otherwise
// example i (0-based, per file) is in fold i % folds, and `heldout` selects
// fold `fold` only, !heldout all the other folds.
struct FoldSelection {
  int folds = 0;
  int fold = 0;
  bool heldout = false;
};

// SST (sst/stsa.binary.*): `LABEL sentence` lines, 0 negative / 1 positive.
// InvalidArgument naming file and line for any other label.
absl::StatusOr<std::vector<SentimentExample>> ReadSst(const std::string& path,
                                                      const FoldSelection& selection);
// MR (mr_rt_polarity/): DIR/rt-polarity.pos and .neg, one text per line,
// latin-1 (converted to UTF-8).
absl::StatusOr<std::vector<SentimentExample>> ReadMr(const std::string& dir,
                                                     const FoldSelection& selection);
// UCI sentiment labelled sentences: `sentence<TAB>label` lines, 0 / 1.
absl::StatusOr<std::vector<SentimentExample>> ReadUci(const std::string& path,
                                                      const FoldSelection& selection);

}  // namespace wordloom::analyze::sentiment

#endif  // WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_TRAINER_H_
