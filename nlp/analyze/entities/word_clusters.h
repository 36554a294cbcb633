// Word clusters from unlabelled text, as features for the entity tagger
// (the role Brown clusters play in Ratinov & Roth 2009): each frequent
// case-folded word is described by its left and right neighbours (counts
// over the most frequent context words, square-rooted and normalized, then
// randomly projected to a few dozen dimensions), and spherical k-means
// groups the words into fine clusters, the fine centroids into coarse ones.
// Cluster ids pack coarse << 16 | fine (features.h ClusterMap).
//
// Not thread-safe; one trainer feeds it. Deterministic for a seed.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_WORD_CLUSTERS_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_WORD_CLUSTERS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/strings.h"
#include "nlp/analyze/entities/features.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::entities {

struct WordClusterOptions {
  size_t vocabulary = 30000;  // most frequent words that get a cluster
  size_t min_count = 3;       // rarer words get none
  size_t contexts = 400;      // most frequent words used as left / right context
  int dims = 64;              // random projection size
  int fine = 256;             // fine clusters
  int coarse = 32;            // coarse clusters (of the fine centroids)
  int iterations = 15;        // k-means iterations
  uint64_t seed = 1;
};

class WordClusterBuilder {
 public:
  static absl::StatusOr<std::unique_ptr<WordClusterBuilder>> Create();

  // Adds one text (tokenized as the tagger does). Ill-formed UTF-8 is
  // skipped silently: unlabelled text is only counted.
  void AddText(std::string_view text);
  size_t tokens() const { return tokens_; }

  // InvalidArgument when fewer words than options.fine were seen.
  absl::StatusOr<ClusterMap> Build(const WordClusterOptions& options) const;

 private:
  explicit WordClusterBuilder(std::unique_ptr<nlp::Tokenizer> tokenizer)
      : tokenizer_(std::move(tokenizer)) {}

  std::unique_ptr<nlp::Tokenizer> tokenizer_;
  StringMap<uint32_t> ids_;            // word -> id
  std::vector<std::string> words_;
  std::vector<uint64_t> counts_;
  std::vector<std::pair<uint32_t, uint32_t>> bigrams_;  // (left id, right id), in order
  size_t tokens_ = 0;
};

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_WORD_CLUSTERS_H_
