#include "nlp/analyze/sentiment/sentiment_trainer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>

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
                             double alpha) {
  std::vector<double> pos(enc.keys.size(), 0), neg(enc.keys.size(), 0);
  double pos_total = 0, neg_total = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
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
// costs O(1) per step (Bottou's trick). Returns w (bias in `bias`).
std::vector<double> Sgd(const Encoded& enc, const std::vector<SentimentExample>& examples,
                        const std::vector<double>& r, const SentimentTrainerOptions& o,
                        double* bias) {
  std::vector<double> v(r.size(), 0.0);
  double scale = 1, b = 0;
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  uint64_t t = 0;
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
  }
  for (double& x : v) x *= scale;
  *bias = b;
  return v;
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
      !(options.alpha > 0)) {
    return absl::InvalidArgumentError("epochs, learning rate and alpha must be positive");
  }
  WL_ASSIGN_OR_RETURN(Encoded enc, Encode(examples));
  const std::vector<double> r = NbRatios(enc, examples, options.alpha);
  SentimentModelData data;
  const std::vector<double> w = Sgd(enc, examples, r, options, &data.bias);
  std::vector<size_t> order(enc.keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return enc.keys[a] < enc.keys[b]; });
  for (size_t f : order) {
    data.keys.push_back(enc.keys[f]);
    data.weights.push_back(static_cast<float>(w[f] * r[f]));
  }
  data.alpha = options.alpha;
  data.l2 = options.l2;
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
