#include "nlp/analyze/entities/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/entities/tokens.h"

namespace wordloom::analyze::entities {
namespace {

// Row-major n x d unit vectors.
struct Points {
  size_t n = 0;
  int d = 0;
  std::vector<float> v;
  float* Row(size_t i) { return &v[i * d]; }
  const float* Row(size_t i) const { return &v[i * d]; }
};

void Normalize(float* x, int d) {
  double s = 0;
  for (int j = 0; j < d; ++j) s += double{x[j]} * x[j];
  const float inv = s > 0 ? static_cast<float>(1.0 / std::sqrt(s)) : 0.0f;
  for (int j = 0; j < d; ++j) x[j] *= inv;
}

// Spherical k-means: cluster of each point (k <= n).
std::vector<int> KMeans(const Points& p, int k, int iterations, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<size_t> order(p.n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  Points c{static_cast<size_t>(k), p.d, std::vector<float>(static_cast<size_t>(k) * p.d)};
  for (int j = 0; j < k; ++j) std::copy(p.Row(order[j]), p.Row(order[j]) + p.d, c.Row(j));
  std::vector<int> assign(p.n, 0);
  for (int it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < p.n; ++i) {
      float best = -2;
      for (int j = 0; j < k; ++j) {
        float dot = 0;
        for (int t = 0; t < p.d; ++t) dot += p.Row(i)[t] * c.Row(j)[t];
        if (dot > best) {
          best = dot;
          assign[i] = j;
        }
      }
    }
    std::fill(c.v.begin(), c.v.end(), 0.0f);
    std::vector<size_t> sizes(k, 0);
    for (size_t i = 0; i < p.n; ++i) {
      ++sizes[assign[i]];
      for (int t = 0; t < p.d; ++t) c.Row(assign[i])[t] += p.Row(i)[t];
    }
    for (int j = 0; j < k; ++j) {
      if (sizes[j] == 0) {  // empty: restart at a random point
        const size_t r = order[rng() % p.n];
        std::copy(p.Row(r), p.Row(r) + p.d, c.Row(j));
      }
      Normalize(c.Row(j), p.d);
    }
  }
  return assign;
}

}  // namespace

absl::StatusOr<std::unique_ptr<WordClusterBuilder>> WordClusterBuilder::Create() {
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(TaggingTokenizerOptions()));
  return std::unique_ptr<WordClusterBuilder>(new WordClusterBuilder(std::move(tokenizer)));
}

void WordClusterBuilder::AddText(std::string_view text) {
  nlp::TokenizedDoc doc;
  TokenView view;
  if (!TokenizeForTagging(*tokenizer_, text, &doc, &view).ok()) return;
  uint32_t prev = UINT32_MAX;
  for (std::string_view w : view.lower) {
    auto [it, added] = ids_.try_emplace(std::string(w), static_cast<uint32_t>(words_.size()));
    if (added) {
      words_.emplace_back(w);
      counts_.push_back(0);
    }
    ++counts_[it->second];
    if (prev != UINT32_MAX) bigrams_.emplace_back(prev, it->second);
    prev = it->second;
  }
  tokens_ += view.size();
}

absl::StatusOr<ClusterMap> WordClusterBuilder::Build(const WordClusterOptions& o) const {
  std::vector<uint32_t> by_count(words_.size());
  std::iota(by_count.begin(), by_count.end(), 0);
  std::stable_sort(by_count.begin(), by_count.end(),
                   [&](uint32_t a, uint32_t b) { return counts_[a] > counts_[b]; });
  std::vector<int32_t> vocab(words_.size(), -1), context(words_.size(), -1);
  size_t V = 0;
  for (uint32_t id : by_count) {
    if (V >= o.vocabulary || counts_[id] < o.min_count) break;
    vocab[id] = static_cast<int32_t>(V++);
  }
  const size_t C = std::min(o.contexts, by_count.size());
  for (size_t j = 0; j < C; ++j) context[by_count[j]] = static_cast<int32_t>(j);
  if (V < static_cast<size_t>(o.fine) || o.fine < o.coarse || o.coarse < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "word clusters: ", V, " words seen at least ", o.min_count, " times, need at least ",
        o.fine, " (and fine >= coarse >= 1)"));
  }
  std::vector<uint32_t> counts(V * 2 * C, 0);
  for (const auto& [l, r] : bigrams_) {
    if (vocab[r] >= 0 && context[l] >= 0) ++counts[vocab[r] * 2 * C + context[l]];
    if (vocab[l] >= 0 && context[r] >= 0) ++counts[vocab[l] * 2 * C + C + context[r]];
  }
  std::mt19937_64 rng(o.seed);
  std::vector<float> proj(2 * C * o.dims);
  for (float& x : proj) x = (rng() & 1) ? 1.0f : -1.0f;
  Points p{V, o.dims, std::vector<float>(V * o.dims, 0.0f)};
  for (size_t w = 0; w < V; ++w) {
    const uint32_t* row = &counts[w * 2 * C];
    const double total = std::max<double>(1, std::accumulate(row, row + 2 * C, 0.0));
    for (size_t j = 0; j < 2 * C; ++j) {
      if (row[j] == 0) continue;
      const float s = static_cast<float>(std::sqrt(row[j] / total));
      for (int t = 0; t < o.dims; ++t) p.Row(w)[t] += s * proj[j * o.dims + t];
    }
    Normalize(p.Row(w), o.dims);
  }
  const std::vector<int> fine = KMeans(p, o.fine, o.iterations, o.seed);
  Points centroids{static_cast<size_t>(o.fine), o.dims,
                   std::vector<float>(static_cast<size_t>(o.fine) * o.dims, 0.0f)};
  for (size_t w = 0; w < V; ++w) {
    for (int t = 0; t < o.dims; ++t) centroids.Row(fine[w])[t] += p.Row(w)[t];
  }
  for (int j = 0; j < o.fine; ++j) Normalize(centroids.Row(j), o.dims);
  const std::vector<int> coarse = KMeans(centroids, o.coarse, o.iterations, o.seed + 1);
  ClusterMap map;
  for (uint32_t id = 0; id < words_.size(); ++id) {
    if (vocab[id] < 0) continue;
    const int f = fine[vocab[id]];
    map[ClusterKey(words_[id])] = (static_cast<uint32_t>(coarse[f]) << 16) | f;
  }
  return map;
}

}  // namespace wordloom::analyze::entities
