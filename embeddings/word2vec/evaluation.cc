#include "embeddings/word2vec/evaluation.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::word2vec {
namespace {

std::vector<std::string> Fields(absl::string_view line) {
  std::vector<std::string> out;
  for (absl::string_view f : absl::StrSplit(line, absl::ByAnyChar(" \t\r"), absl::SkipEmpty())) {
    out.push_back(absl::AsciiStrToLower(f));
  }
  return out;
}

std::vector<double> Ranks(const std::vector<double>& v) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> ranks(v.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = (i + j) / 2.0 + 1;
    i = j + 1;
  }
  return ranks;
}

}  // namespace

double SpearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return 0.0;
  std::vector<double> rx = Ranks(x), ry = Ranks(y);
  const double n = static_cast<double>(x.size());
  double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / n;
  double my = std::accumulate(ry.begin(), ry.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

absl::StatusOr<AnalogyResult> EvaluateAnalogies(const WordVectors& vectors,
                                                const std::string& path,
                                                const AnalogyOptions& options) {
  WL_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  auto index = ExactNeighborIndex::Build(vectors, options.top_words);
  auto find = [&](const std::string& w) {
    int32_t id = vectors.Find(w);
    return id >= 0 && static_cast<size_t>(id) < index->size() ? id : -1;
  };
  AnalogyResult result;
  std::vector<std::array<int32_t, 4>> questions;
  int64_t line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::StripAsciiWhitespace(line).empty() || line[0] == ':') continue;
    std::vector<std::string> f = Fields(line);
    if (f.size() != 4) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": expected 4 words (a b c d), got ", f.size()));
    }
    ++result.questions;
    std::array<int32_t, 4> q = {find(f[0]), find(f[1]), find(f[2]), find(f[3])};
    if (std::find(q.begin(), q.end(), -1) == q.end()) questions.push_back(q);
  }
  result.seen = static_cast<int64_t>(questions.size());
  std::atomic<int64_t> correct{0};
  ParallelFor(questions.size(), options.threads, [&](size_t begin, size_t end, size_t) {
    int64_t local = 0;
    for (size_t i = begin; i < end; ++i) {
      const auto& q = questions[i];
      const int32_t exclude[3] = {q[0], q[1], q[2]};
      std::vector<Neighbor> best = Analogy(*index, index->Row(q[0]), index->Row(q[1]),
                                           index->Row(q[2]), 1, options.method, exclude);
      if (!best.empty() && best[0].id == q[3]) ++local;
    }
    correct += local;
  });
  result.correct = correct.load();
  return result;
}

absl::StatusOr<SimilarityResult> EvaluateSimilarity(const WordVectors& vectors,
                                                    const std::string& path) {
  WL_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  SimilarityResult result;
  std::vector<double> human, model;
  std::vector<float> a(vectors.dim()), b(vectors.dim());
  int64_t line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::StripAsciiWhitespace(line).empty() || line[0] == '#') continue;
    std::vector<std::string> f = Fields(line);
    double score;
    if (f.size() < 3 || !absl::SimpleAtod(f[2], &score)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": expected \"word1 word2 score\""));
    }
    ++result.pairs;
    int32_t i = vectors.Find(f[0]), j = vectors.Find(f[1]);
    if (i < 0 || j < 0) continue;
    vectors.WordVector(f[0], a.data());
    vectors.WordVector(f[1], b.data());
    human.push_back(score);
    model.push_back(linalg::Cosine(a.data(), b.data(), a.size()));
    ++result.found;
  }
  result.spearman = SpearmanCorrelation(human, model);
  return result;
}

}  // namespace wordloom::embeddings::word2vec
