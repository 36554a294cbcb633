// Feature extraction for the entity tagger: for every token of a sentence,
// a list of 64-bit feature hashes (template id mixed with its value):
// word and case-folded word, a +-2 window of case-folded words and word
// bigrams, long and short word shapes with their neighbours, 1-4 character
// prefixes and suffixes, sentence-initial and all-caps-headline flags,
// gazetteer matches (type and B/I/L/U position, conjoined with case) and,
// when the model has them, word clusters of the window.
//
// Immutable after construction; Extract() is thread-safe.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_FEATURES_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "nlp/analyze/entities/gazetteer.h"

namespace wordloom::analyze::entities {

// A tokenized sentence: the original text of each token and its
// case-folded (normalized) form.
struct TokenView {
  std::vector<std::string_view> words;
  std::vector<std::string_view> lower;
  size_t size() const { return words.size(); }
};

// Word clusters: hash of a case-folded word (ClusterKey) -> cluster id;
// ids pack a coarse cluster in the high 16 bits and a fine one in the low.
using ClusterMap = absl::flat_hash_map<uint64_t, uint32_t>;
uint64_t ClusterKey(std::string_view lower);

// Feature hashes of all tokens: token i has features[offsets[i], offsets[i+1]).
struct SentenceFeatures {
  std::vector<uint64_t> features;
  std::vector<uint32_t> offsets;
  void Clear() {
    features.clear();
    offsets.clear();
  }
};

// Word shape: upper -> X, lower -> x, digit -> d, other characters kept;
// runs of one class are cut at `max_run` (1 gives the short shape).
std::string WordShape(std::string_view word, int max_run);

class FeatureExtractor {
 public:
  // Both may be null; they must outlive the extractor.
  FeatureExtractor(const Gazetteer* gazetteer, const ClusterMap* clusters)
      : gazetteer_(gazetteer), clusters_(clusters) {}

  void Extract(const TokenView& tokens, SentenceFeatures* out) const;

 private:
  const Gazetteer* gazetteer_;
  const ClusterMap* clusters_;
};

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_FEATURES_H_
