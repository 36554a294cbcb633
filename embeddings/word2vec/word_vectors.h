// A trained set of word embeddings, whichever way it was made: wordloom's
// trainer, a fastText .bin, or a .vec file. Holds the vocabulary (frequency
// order), the input matrix (one row per word, then `bucket` character
// n-gram rows when subwords are on) and optionally the output matrix.
//
// Word vectors follow fastText: a vocabulary word is the mean of its own row
// and its n-gram rows; an out-of-vocabulary word the mean of its n-gram rows
// (zeros when subwords are off or it has none). Lookups are exact byte
// matches: callers normalize query words the way the model's vocabulary was
// made (see query_normalization()).
//
// Immutable after Create(); safe to share across threads
// (std::shared_ptr<const WordVectors>).
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_WORD_VECTORS_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_WORD_VECTORS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/strings.h"
#include "embeddings/linalg/dense_matrix.h"

namespace wordloom::embeddings::word2vec {

// fastText-style character n-gram subwords; off when maxn == 0.
struct SubwordConfig {
  int32_t minn = 0;
  int32_t maxn = 0;
  int32_t bucket = 0;
  bool enabled() const { return maxn > 0 && bucket > 0; }
};

// How query words must be prepared to match this vocabulary.
enum class QueryNormalization {
  kNone,      // exact tokens (fastText models, .vec files)
  kWordloom,  // nlp::Tokenizer normalization: NFKC + case folding
};

struct WordVectorsParts {
  std::vector<std::string> words;
  std::vector<int64_t> counts;          // same size as words, or empty
  linalg::DenseMatrix input;            // words.size() (+ bucket) x dim
  linalg::DenseMatrix output;           // optional (0 x 0 when absent)
  SubwordConfig subwords;
  QueryNormalization normalization = QueryNormalization::kNone;
  // Training parameters as key/value text, kept for the model file.
  std::vector<std::pair<std::string, std::string>> params;
};

class WordVectors {
 public:
  // InvalidArgument when the shapes disagree, the dimension is 0, or a word
  // is empty or repeated.
  static absl::StatusOr<std::unique_ptr<WordVectors>> Create(WordVectorsParts parts);

  size_t size() const { return parts_.words.size(); }
  size_t dim() const { return parts_.input.cols(); }
  const std::string& word(int32_t id) const { return parts_.words[id]; }
  const std::vector<std::string>& words() const { return parts_.words; }
  // Count of word `id` in the training corpus (0 when unknown).
  int64_t count(int32_t id) const { return parts_.counts.empty() ? 0 : parts_.counts[id]; }
  const std::vector<int64_t>& counts() const { return parts_.counts; }
  const linalg::DenseMatrix& input() const { return parts_.input; }
  const linalg::DenseMatrix& output() const { return parts_.output; }
  const SubwordConfig& subwords() const { return parts_.subwords; }
  QueryNormalization query_normalization() const { return parts_.normalization; }
  const std::vector<std::pair<std::string, std::string>>& params() const { return parts_.params; }

  // Vocabulary id of `word`, or -1.
  int32_t Find(std::string_view word) const;

  // Input rows that make up `word` (own row first when in vocabulary, then
  // char n-grams of "<word>"; no n-grams for "</s>").
  std::vector<int32_t> SubwordIds(std::string_view word) const;

  // Writes the vector of any word to out[0..dim()); returns false when the
  // word has no rows at all (then `out` is zeros).
  bool WordVector(std::string_view word, float* out) const;

  // Mean of the unit-normalised vectors of `words` (words with zero vectors
  // skipped), as fastText's sentence vectors; false if none had a vector.
  bool SentenceVector(const std::vector<std::string_view>& words, float* out) const;

  // Rows = vectors of every vocabulary word, in id order.
  linalg::DenseMatrix VocabularyMatrix() const;

 private:
  explicit WordVectors(WordVectorsParts parts) : parts_(std::move(parts)) {}

  WordVectorsParts parts_;
  StringMap<int32_t> ids_;
};

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_WORD_VECTORS_H_
