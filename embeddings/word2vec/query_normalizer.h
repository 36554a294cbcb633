// Prepares query words the way a model's vocabulary was made: unchanged for
// fastText models and .vec files, nlp normalization (NFKC + case folding,
// ill-formed UTF-8 replaced) for models trained by wordloom.
//
// Immutable after Create(); thread-safe.
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_QUERY_NORMALIZER_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_QUERY_NORMALIZER_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "embeddings/word2vec/word_vectors.h"
#include "nlp/text/normalizer.h"

namespace wordloom::embeddings::word2vec {

class QueryNormalizer {
 public:
  // Internal if ICU data cannot be loaded.
  static absl::StatusOr<std::unique_ptr<QueryNormalizer>> Create(QueryNormalization kind);

  // The lookup form of `word`.
  std::string Normalize(std::string_view word) const;

 private:
  explicit QueryNormalizer(std::unique_ptr<nlp::Normalizer> normalizer)
      : normalizer_(std::move(normalizer)) {}
  std::unique_ptr<nlp::Normalizer> normalizer_;  // null: identity
};

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_QUERY_NORMALIZER_H_
