#include "embeddings/classifier/metrics.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/thread_pool.h"

namespace wordloom::embeddings::classifier {
namespace {

// Counts for a range of examples (summed over threads afterwards).
struct Counts {
  int64_t predicted = 0, correct = 0, gold = 0, exact = 0;
  std::vector<int64_t> tp, fp, fn, support;
  std::vector<std::vector<int64_t>> confusion;
  explicit Counts(size_t n)
      : tp(n), fp(n), fn(n), support(n), confusion(n, std::vector<int64_t>(n)) {}
  void Add(const Counts& o) {
    predicted += o.predicted, correct += o.correct, gold += o.gold, exact += o.exact;
    for (size_t i = 0; i < tp.size(); ++i) {
      tp[i] += o.tp[i], fp[i] += o.fp[i], fn[i] += o.fn[i], support[i] += o.support[i];
      for (size_t j = 0; j < tp.size(); ++j) confusion[i][j] += o.confusion[i][j];
    }
  }
};

void CountExample(const ClassifierModel& model, const LabeledExample& example,
                  const std::vector<Prediction>& predictions, Counts* counts) {
  std::vector<int32_t> gold;
  for (const std::string& name : example.labels) {
    auto id = model.FindLabel(name);
    gold.push_back(id ? *id : -1);
  }
  counts->gold += static_cast<int64_t>(gold.size());
  counts->predicted += static_cast<int64_t>(predictions.size());
  int64_t hits = 0;
  for (const Prediction& p : predictions) {
    if (std::find(gold.begin(), gold.end(), p.label) != gold.end()) {
      ++hits;
      ++counts->tp[p.label];
    } else {
      ++counts->fp[p.label];
    }
  }
  counts->correct += hits;
  for (int32_t g : gold) {
    if (g < 0) continue;
    ++counts->support[g];
    bool found = std::any_of(predictions.begin(), predictions.end(),
                             [g](const Prediction& p) { return p.label == g; });
    if (!found) ++counts->fn[g];
  }
  std::vector<int32_t> known = gold;
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  if (hits == static_cast<int64_t>(known.size()) && hits == static_cast<int64_t>(predictions.size())) {
    ++counts->exact;
  }
  if (!gold.empty() && gold[0] >= 0 && !predictions.empty()) {
    ++counts->confusion[gold[0]][predictions[0].label];
  }
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0.0; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

}  // namespace

Evaluation Evaluate(const ClassifierModel& model, const LabeledData& data,
                    const EvaluationOptions& options) {
  const size_t n_labels = static_cast<size_t>(model.num_labels());
  const size_t threads = options.threads ? options.threads : ThreadPool::DefaultThreads();
  std::vector<Counts> partial(threads, Counts(n_labels));
  ParallelFor(data.examples.size(), threads, [&](size_t begin, size_t end, size_t t) {
    PredictScratch scratch;
    std::vector<Prediction> predictions;
    for (size_t i = begin; i < end; ++i) {
      model.Predict(data.examples[i].text, options.k, options.threshold, &scratch, &predictions);
      CountExample(model, data.examples[i], predictions, &partial[t]);
    }
  });
  Counts total(n_labels);
  for (const Counts& c : partial) total.Add(c);

  Evaluation e;
  e.examples = static_cast<int64_t>(data.examples.size());
  e.k = options.k;
  e.precision_at_k = Ratio(total.correct, total.predicted);
  e.recall_at_k = Ratio(total.correct, total.gold);
  e.accuracy = Ratio(total.exact, e.examples);
  int64_t tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < n_labels; ++i) {
    LabelMetrics m;
    m.label = model.label(static_cast<int32_t>(i));
    m.true_positives = total.tp[i], m.false_positives = total.fp[i];
    m.false_negatives = total.fn[i], m.support = total.support[i];
    m.precision = Ratio(m.true_positives, m.true_positives + m.false_positives);
    m.recall = Ratio(m.true_positives, m.true_positives + m.false_negatives);
    m.f1 = F1(m.precision, m.recall);
    e.macro_precision += m.precision / n_labels;
    e.macro_recall += m.recall / n_labels;
    e.macro_f1 += m.f1 / n_labels;
    tp += m.true_positives, fp += m.false_positives, fn += m.false_negatives;
    e.per_label.push_back(std::move(m));
  }
  e.micro_precision = Ratio(tp, tp + fp);
  e.micro_recall = Ratio(tp, tp + fn);
  e.micro_f1 = F1(e.micro_precision, e.micro_recall);
  e.hamming_loss = Ratio(fp + fn, static_cast<double>(e.examples) * n_labels);
  e.confusion = std::move(total.confusion);
  return e;
}

std::string FormatEvaluation(const ClassifierModel& model, const Evaluation& e,
                             size_t max_confusion_labels) {
  std::string out = absl::StrFormat("N\t%d\nP@%d\t%.3f\nR@%d\t%.3f\n", e.examples, e.k,
                                    e.precision_at_k, e.k, e.recall_at_k);
  absl::StrAppendFormat(&out, "Accuracy\t%.4f\nHammingLoss\t%.4f\n", e.accuracy, e.hamming_loss);
  absl::StrAppendFormat(&out, "MacroPrecision\t%.4f\nMacroRecall\t%.4f\nMacroF1\t%.4f\n",
                        e.macro_precision, e.macro_recall, e.macro_f1);
  absl::StrAppendFormat(&out, "MicroPrecision\t%.4f\nMicroRecall\t%.4f\nMicroF1\t%.4f\n",
                        e.micro_precision, e.micro_recall, e.micro_f1);
  absl::StrAppend(&out, "\nlabel\tprecision\trecall\tf1\tsupport\n");
  for (const LabelMetrics& m : e.per_label) {
    absl::StrAppendFormat(&out, "__label__%s\t%.4f\t%.4f\t%.4f\t%d\n", m.label, m.precision,
                          m.recall, m.f1, m.support);
  }
  const size_t n = e.confusion.size();
  if (n == 0 || n > max_confusion_labels) return out;
  absl::StrAppend(&out, "\nconfusion (rows: gold, columns: predicted)\n");
  for (size_t j = 0; j < n; ++j) absl::StrAppend(&out, "\t", model.label(static_cast<int32_t>(j)));
  absl::StrAppend(&out, "\n");
  for (size_t i = 0; i < n; ++i) {
    absl::StrAppend(&out, model.label(static_cast<int32_t>(i)));
    for (size_t j = 0; j < n; ++j) absl::StrAppend(&out, "\t", e.confusion[i][j]);
    absl::StrAppend(&out, "\n");
  }
  return out;
}

}  // namespace wordloom::embeddings::classifier
