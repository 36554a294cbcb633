// Nearest-neighbour search over word vectors by cosine similarity, and
// analogies (3CosAdd, 3CosMul) on top of it.
//
// NeighborIndex is the interface so an approximate index (HNSW, IVF) can be
// added beside ExactNeighborIndex, which scans every unit-normalised row
// with the vectorised dot product (exact; O(words x dim) per query).
//
// Immutable after Build(); Search() is thread-safe.
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_NEIGHBOR_INDEX_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_NEIGHBOR_INDEX_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "embeddings/linalg/dense_matrix.h"
#include "embeddings/word2vec/word_vectors.h"

namespace wordloom::embeddings::word2vec {

struct Neighbor {
  int32_t id = -1;   // vocabulary id
  float score = 0;   // cosine similarity (3CosMul: its own score)
};

class NeighborIndex {
 public:
  virtual ~NeighborIndex() = default;
  // The `k` most similar indexed words to `query` (any length-dim vector,
  // normalised here), best first, skipping ids in `exclude`.
  virtual std::vector<Neighbor> Search(const float* query, size_t k,
                                       std::span<const int32_t> exclude) const = 0;
  // Number of indexed words (ids 0..size()-1 of the vocabulary).
  virtual size_t size() const = 0;
};

class ExactNeighborIndex : public NeighborIndex {
 public:
  // Indexes the first `max_words` vocabulary words (0 = all); in frequency
  // order that is the `max_words` most frequent, as word2vec's evaluation.
  static std::unique_ptr<ExactNeighborIndex> Build(const WordVectors& vectors,
                                                   size_t max_words = 0);

  std::vector<Neighbor> Search(const float* query, size_t k,
                               std::span<const int32_t> exclude) const override;
  size_t size() const override { return unit_.rows(); }
  size_t dim() const { return unit_.cols(); }

  // Unit-normalised vector of indexed word `id`.
  const float* Row(int32_t id) const { return unit_.Row(id); }
  // out[i] = cosine(query, word i) for every indexed word (query normalised).
  void Cosines(const float* query, float* out) const;

 private:
  explicit ExactNeighborIndex(linalg::DenseMatrix unit) : unit_(std::move(unit)) {}
  linalg::DenseMatrix unit_;
};

enum class AnalogyMethod { k3CosAdd, k3CosMul };

// Answers a : b :: c : ? over the words of `index`, best `k` first, given
// the vectors of a, b and c (any length; normalised here) and the ids to
// skip (usually a, b and c themselves).
std::vector<Neighbor> Analogy(const ExactNeighborIndex& index, const float* a, const float* b,
                              const float* c, size_t k, AnalogyMethod method,
                              std::span<const int32_t> exclude);

// The k best (id, score) of scores[0..n) skipping `exclude`, best first.
std::vector<Neighbor> TopK(const float* scores, size_t n, size_t k,
                           std::span<const int32_t> exclude);

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_NEIGHBOR_INDEX_H_
