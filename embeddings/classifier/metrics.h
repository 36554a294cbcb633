// Evaluation of a classifier on labelled data: fastText's `test`
// (precision@k, recall@k) and Comprehend's classifier metrics (accuracy,
// per-label precision/recall/F1, macro and micro averages, Hamming loss,
// confusion matrix).
//
// A prediction set is the top-k labels with probability >= threshold. Gold
// labels unknown to the model count as misses. Pure functions over an
// immutable model; Evaluate() runs on `threads` threads.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_METRICS_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_METRICS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "embeddings/classifier/classifier_model.h"
#include "embeddings/classifier/labeled_data.h"

namespace wordloom::embeddings::classifier {

struct EvaluationOptions {
  int k = 1;
  float threshold = 0.0f;
  size_t threads = 0;  // 0 = all cores
};

struct LabelMetrics {
  std::string label;
  int64_t true_positives = 0;
  int64_t false_positives = 0;
  int64_t false_negatives = 0;
  int64_t support = 0;  // gold occurrences
  double precision = 0.0, recall = 0.0, f1 = 0.0;
};

struct Evaluation {
  int64_t examples = 0;
  int k = 1;
  double precision_at_k = 0.0;  // correct predictions / predictions made
  double recall_at_k = 0.0;     // correct predictions / gold labels
  double accuracy = 0.0;        // predicted set == gold set
  double macro_precision = 0.0, macro_recall = 0.0, macro_f1 = 0.0;
  double micro_precision = 0.0, micro_recall = 0.0, micro_f1 = 0.0;
  double hamming_loss = 0.0;    // (FP + FN) / (examples * labels)
  std::vector<LabelMetrics> per_label;  // model label order
  // confusion[gold][predicted] over model labels on first gold label vs top-1
  // prediction; examples whose gold label is unknown or with no prediction
  // are left out.
  std::vector<std::vector<int64_t>> confusion;
};

Evaluation Evaluate(const ClassifierModel& model, const LabeledData& data,
                    const EvaluationOptions& options);

// Human-readable report: the fastText `test` lines (N, P@k, R@k), then
// Comprehend-style metrics, per-label table, and the confusion matrix when
// there are at most `max_confusion_labels` labels.
std::string FormatEvaluation(const ClassifierModel& model, const Evaluation& evaluation,
                             size_t max_confusion_labels = 30);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_METRICS_H_
