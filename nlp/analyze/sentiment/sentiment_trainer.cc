#include "nlp/analyze/sentiment/sentiment_trainer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/sentiment/sentiment_features.h"

namespace wordloom::analyze::sentiment {
namespace {

// Examples as indices into a dense feature table.
struct Encoded {
  std::vector<std::vector<uint32_t>> rows;
  std::vector<uint64_t> keys;  // dense index -> feature hash
};

absl::StatusOr<Encoded> Encode(const std::vector<SentimentExample>& examples) {
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(SentimentTokenizerOptions()));
  Encoded enc;
  absl::flat_hash_map<uint64_t, uint32_t> index;
  nlp::TokenizedDoc doc;
  std::vector<uint64_t> features;
  enc.rows.resize(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    absl::Status s = ExtractFeatures(*tokenizer, examples[i].text, &doc, &features);
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("example ", i, ": ", s.message()));
    }
    for (uint64_t f : features) {
      auto [it, inserted] = index.emplace(f, enc.keys.size());
      if (inserted) enc.keys.push_back(f);
      enc.rows[i].push_back(it->second);
    }
  }
  return enc;
}

// NB log-count ratios r_f.
std::vector<double> NbRatios(const Encoded& enc, const std::vector<SentimentExample>& examples,
                             const std::vector<size_t>& subset, double alpha) {
  std::vector<double> pos(enc.keys.size(), 0), neg(enc.keys.size(), 0);
  double pos_total = 0, neg_total = 0;
  for (size_t i : subset) {
    auto& counts = examples[i].positive ? pos : neg;
    (examples[i].positive ? pos_total : neg_total) += enc.rows[i].size();
    for (uint32_t f : enc.rows[i]) counts[f] += 1;
  }
  const double smooth = alpha * enc.keys.size();
  std::vector<double> r(enc.keys.size());
  for (size_t f = 0; f < r.size(); ++f) {
    r[f] = std::log((alpha + pos[f]) / (smooth + pos_total)) -
           std::log((alpha + neg[f]) / (smooth + neg_total));
  }
  return r;
}

// SGD on the logistic loss with L2, weights kept as scale * v so the decay
// costs O(1) per step (Bottou's trick). Returns w averaged over the ends of
// the second half of the epochs (bias in `bias`).
std::vector<double> Sgd(const Encoded& enc, const std::vector<SentimentExample>& examples,
                        const std::vector<size_t>& subset, const std::vector<double>& r,
                        const SentimentTrainerOptions& o, double* bias) {
  std::vector<double> v(r.size(), 0.0);
  double scale = 1, b = 0;
  std::vector<size_t> order = subset;
  std::mt19937_64 rng(o.seed);
  uint64_t t = 0;
  std::vector<double> sum(r.size(), 0.0);
  double sum_b = 0;
  int averaged = 0;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      const double lr = o.learning_rate / (1 + o.learning_rate * o.l2 * t++);
      double z = b;
      for (uint32_t f : enc.rows[i]) z += scale * v[f] * r[f];
      const double g = 1.0 / (1.0 + std::exp(-z)) - (examples[i].positive ? 1.0 : 0.0);
      scale *= 1 - lr * o.l2;
      if (scale < 1e-9) {
        for (double& x : v) x *= scale;
        scale = 1;
      }
      for (uint32_t f : enc.rows[i]) v[f] -= lr * g * r[f] / scale;
      b -= lr * g;
    }
    if (2 * (epoch + 1) > o.epochs) {  // average the second half's epoch ends
      for (size_t f = 0; f < v.size(); ++f) sum[f] += scale * v[f];
      sum_b += b;
      ++averaged;
    }
  }
  for (double& x : sum) x /= averaged;
  *bias = sum_b / averaged;
  return sum;
}

// NB-LR on the examples of `subset`: per dense feature the final weight
// (beta w_f + (1 - beta) mean|w|) r_f; the bias in `bias`.
std::vector<double> Fit(const Encoded& enc, const std::vector<SentimentExample>& examples,
                        const std::vector<size_t>& subset, const SentimentTrainerOptions& o,
                        double* bias) {
  const std::vector<double> r = NbRatios(enc, examples, subset, o.alpha);
  std::vector<double> w = Sgd(enc, examples, subset, r, o, bias);
  double mean_abs = 0;
  for (double x : w) mean_abs += std::fabs(x);
  mean_abs /= std::max<size_t>(1, w.size());
  for (size_t f = 0; f < w.size(); ++f) {
    w[f] = (o.interpolation * w[f] + (1 - o.interpolation) * mean_abs) * r[f];
  }
  return w;
}

// Scores z_i of every example from a model that did not see it
// (example i is held out in fold i % calibration_folds).
std::vector<double> CrossFitScores(const Encoded& enc,
                                   const std::vector<SentimentExample>& examples,
                                   const SentimentTrainerOptions& o) {
  const size_t k = o.calibration_folds;
  std::vector<double> z(examples.size(), 0.0);
  for (size_t fold = 0; fold < k; ++fold) {
    std::vector<size_t> train;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (i % k != fold) train.push_back(i);
    }
    double bias = 0;
    const std::vector<double> w = Fit(enc, examples, train, o, &bias);
    std::vector<bool> seen(w.size(), false);
    for (size_t i : train) {
      for (uint32_t f : enc.rows[i]) seen[f] = true;
    }
    for (size_t i = fold; i < examples.size(); i += k) {
      z[i] = bias;
      for (uint32_t f : enc.rows[i]) z[i] += seen[f] ? w[f] : 0.0;
    }
  }
  return z;
}

// Platt scaling: (a, b) minimizing the log loss of sigmoid(a z + b), by
// Newton's method (a stays in [0.05, 20] so a degenerate fit cannot blow up).
std::pair<double, double> FitCalibration(const std::vector<double>& z,
                                         const std::vector<SentimentExample>& examples) {
  double a = 1, b = 0;
  for (int iter = 0; iter < 50; ++iter) {
    double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (size_t i = 0; i < z.size(); ++i) {
      const double p = 1.0 / (1.0 + std::exp(-(a * z[i] + b)));
      const double g = p - (examples[i].positive ? 1.0 : 0.0);
      const double h = std::max(p * (1 - p), 1e-12);
      ga += g * z[i], gb += g;
      haa += h * z[i] * z[i], hab += h * z[i], hbb += h;
    }
    const double det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const double da = (hbb * ga - hab * gb) / det;
    const double db = (haa * gb - hab * ga) / det;
    a = std::clamp(a - da, 0.05, 20.0);
    b -= db;
    if (std::fabs(da) + std::fabs(db) < 1e-9) break;
  }
  return {a, b};
}

std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool Selected(size_t i, const FoldSelection& sel) {
  if (sel.folds <= 0) return true;
  return (static_cast<int>(i % sel.folds) == sel.fold) == sel.heldout;
}

// Calls parse(line_number, line) for each selected non-empty line of `path`.
template <typename Parse>
absl::Status ForEachLine(const std::string& path, const FoldSelection& sel, Parse parse) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::string line;
  size_t line_no = 0, example = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (Selected(example++, sel)) WL_RETURN_IF_ERROR(parse(line_no, line));
  }
  return absl::OkStatus();
}

absl::Status BadLabel(const std::string& path, size_t line_no, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(path, ":", line_no, ": expected a 0 or 1 label ", ToAbsl(what)));
}

}  // namespace

absl::StatusOr<SentimentModelData> TrainSentimentModel(
    const std::vector<SentimentExample>& examples, const SentimentTrainerOptions& options) {
  if (examples.empty()) return absl::InvalidArgumentError("no training examples");
  const size_t positives = std::count_if(examples.begin(), examples.end(),
                                         [](const SentimentExample& e) { return e.positive; });
  if (positives == 0 || positives == examples.size()) {
    return absl::InvalidArgumentError("training examples hold only one class");
  }
  if (options.epochs < 1 || !(options.learning_rate > 0) || !(options.l2 >= 0) ||
      !(options.alpha > 0) || !(options.interpolation >= 0 && options.interpolation <= 1) ||
      options.calibration_folds < 0) {
    return absl::InvalidArgumentError(
        "epochs, learning rate and alpha must be positive, interpolation in [0, 1]");
  }
  WL_ASSIGN_OR_RETURN(Encoded enc, Encode(examples));
  std::vector<size_t> all(examples.size());
  std::iota(all.begin(), all.end(), 0);
  SentimentModelData data;
  std::vector<double> weights = Fit(enc, examples, all, options, &data.bias);
  if (options.calibration_folds > 1 && examples.size() >= 2 * size_t(options.calibration_folds)) {
    const auto [a, b] = FitCalibration(CrossFitScores(enc, examples, options), examples);
    for (double& x : weights) x *= a;
    data.bias = a * data.bias + b;
    data.calibration_scale = a;
  }
  std::vector<size_t> order(enc.keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return enc.keys[a] < enc.keys[b]; });
  for (size_t f : order) {
    data.keys.push_back(enc.keys[f]);
    data.weights.push_back(static_cast<float>(weights[f]));
  }
  data.alpha = options.alpha;
  data.l2 = options.l2;
  data.interpolation = options.interpolation;
  data.epochs = options.epochs;
  data.seed = options.seed;
  data.examples = examples.size();
  return data;
}

absl::StatusOr<std::vector<SentimentExample>> ReadSst(const std::string& path,
                                                      const FoldSelection& sel) {
  std::vector<SentimentExample> out;
  WL_RETURN_IF_ERROR(ForEachLine(path, sel, [&](size_t n, const std::string& line) {
    if (line.size() < 3 || (line[0] != '0' && line[0] != '1') || line[1] != ' ') {
      return BadLabel(path, n, "then a space");
    }
    out.push_back({line[0] == '1', line.substr(2)});
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<SentimentExample>> ReadMr(const std::string& dir,
                                                     const FoldSelection& sel) {
  std::vector<SentimentExample> out;
  for (bool positive : {true, false}) {
    const std::string path = dir + (positive ? "/rt-polarity.pos" : "/rt-polarity.neg");
    WL_RETURN_IF_ERROR(ForEachLine(path, sel, [&](size_t, const std::string& line) {
      out.push_back({positive, Latin1ToUtf8(line)});
      return absl::OkStatus();
    }));
  }
  return out;
}

absl::StatusOr<std::vector<SentimentExample>> ReadUci(const std::string& path,
                                                      const FoldSelection& sel) {
  std::vector<SentimentExample> out;
  WL_RETURN_IF_ERROR(ForEachLine(path, sel, [&](size_t n, const std::string& line) {
    const size_t tab = line.rfind('\t');
    if (tab == std::string::npos || tab + 2 != line.size() ||
        (line[tab + 1] != '0' && line[tab + 1] != '1')) {
      return BadLabel(path, n, "after the last tab");
    }
    out.push_back({line[tab + 1] == '1', line.substr(0, tab)});
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace wordloom::analyze::sentiment
