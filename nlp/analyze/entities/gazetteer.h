// A gazetteer of entity names learned from training data: token sequences
// (case-folded, as the tokenizer normalizes them) with the entity types they
// were seen as. Annotate() marks, for every token, which types' entries
// cover it and where (B/I/L/U), as features for the tagger.
//
// Immutable after construction; Annotate() is thread-safe.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_GAZETTEER_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_GAZETTEER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace wordloom::analyze::entities {

class Gazetteer {
 public:
  // At most this many tokens per entry.
  static constexpr int kMaxLength = 6;

  Gazetteer() = default;
  // From parallel arrays as stored in the model file.
  Gazetteer(const std::vector<uint64_t>& keys, const std::vector<uint8_t>& types);

  // Hash of a token sequence (its case-folded forms).
  static uint64_t Key(const std::vector<std::string_view>& lower, size_t begin, size_t end);

  // Records that lower[begin, end) was seen as entity type `type` (< 8).
  void Add(const std::vector<std::string_view>& lower, size_t begin, size_t end, int type);

  // For each token, a bit set: bit 4 * type + part (part 0..3 = B, I, L, U)
  // for every entry covering it.
  void Annotate(const std::vector<std::string_view>& lower, std::vector<uint32_t>* bits) const;

  size_t size() const { return entries_.size(); }
  // Sorted keys and their type masks (for the model file).
  void Export(std::vector<uint64_t>* keys, std::vector<uint8_t>* types) const;

 private:
  absl::flat_hash_map<uint64_t, uint8_t> entries_;  // key -> type bit mask
};

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_GAZETTEER_H_
