#include "embeddings/word2vec/neighbor_index.h"

#include <algorithm>
#include <cstring>

#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::word2vec {

std::unique_ptr<ExactNeighborIndex> ExactNeighborIndex::Build(const WordVectors& vectors,
                                                              size_t max_words) {
  linalg::DenseMatrix all = vectors.VocabularyMatrix();
  const size_t rows = max_words == 0 ? all.rows() : std::min(max_words, all.rows());
  linalg::DenseMatrix unit(rows, all.cols());
  if (rows > 0) std::memcpy(unit.data(), all.data(), rows * all.cols() * sizeof(float));
  for (size_t i = 0; i < rows; ++i) linalg::Normalize(unit.Row(i), unit.cols());
  return std::unique_ptr<ExactNeighborIndex>(new ExactNeighborIndex(std::move(unit)));
}

void ExactNeighborIndex::Cosines(const float* query, float* out) const {
  std::vector<float> q(query, query + dim());
  linalg::Normalize(q.data(), q.size());
  unit_.MultiplyVector(q.data(), out);
}

std::vector<Neighbor> ExactNeighborIndex::Search(const float* query, size_t k,
                                                 std::span<const int32_t> exclude) const {
  std::vector<float> scores(size());
  Cosines(query, scores.data());
  return TopK(scores.data(), scores.size(), k, exclude);
}

std::vector<Neighbor> TopK(const float* scores, size_t n, size_t k,
                           std::span<const int32_t> exclude) {
  // Min-heap of the best k so far (worst on top).
  auto worse = [](const Neighbor& x, const Neighbor& y) {
    return x.score > y.score || (x.score == y.score && x.id < y.id);
  };
  std::vector<Neighbor> heap;
  heap.reserve(k + 1);
  if (k == 0) return heap;
  for (size_t i = 0; i < n; ++i) {
    if (heap.size() == k && scores[i] <= heap.front().score) continue;
    const int32_t id = static_cast<int32_t>(i);
    if (std::find(exclude.begin(), exclude.end(), id) != exclude.end()) continue;
    heap.push_back({id, scores[i]});
    std::push_heap(heap.begin(), heap.end(), worse);
    if (heap.size() > k) {
      std::pop_heap(heap.begin(), heap.end(), worse);
      heap.pop_back();
    }
  }
  std::sort_heap(heap.begin(), heap.end(), worse);
  return heap;
}

std::vector<Neighbor> Analogy(const ExactNeighborIndex& index, const float* a, const float* b,
                              const float* c, size_t k, AnalogyMethod method,
                              std::span<const int32_t> exclude) {
  const size_t dim = index.dim(), n = index.size();
  if (method == AnalogyMethod::k3CosAdd) {
    std::vector<float> q(dim, 0.0f);
    const float* in[3] = {b, a, c};
    const float sign[3] = {1.0f, -1.0f, 1.0f};
    for (int i = 0; i < 3; ++i) {
      std::vector<float> unit(in[i], in[i] + dim);
      linalg::Normalize(unit.data(), dim);
      linalg::Axpy(sign[i], unit.data(), q.data(), dim);
    }
    return index.Search(q.data(), k, exclude);
  }
  // 3CosMul (Levy & Goldberg 2014), cosines shifted to [0, 1].
  std::vector<float> sa(n), sb(n), sc(n);
  index.Cosines(a, sa.data());
  index.Cosines(b, sb.data());
  index.Cosines(c, sc.data());
  constexpr float kEpsilon = 1e-3f;
  for (size_t i = 0; i < n; ++i) {
    sb[i] = ((sb[i] + 1) / 2) * ((sc[i] + 1) / 2) / ((sa[i] + 1) / 2 + kEpsilon);
  }
  return TopK(sb.data(), n, k, exclude);
}

}  // namespace wordloom::embeddings::word2vec
