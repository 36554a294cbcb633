// The BILOU tag set of the entity tagger: tag 0 is O; entity type k has
// B-k = 1 + 4k, I-k = 2 + 4k, L-k = 3 + 4k, U-k = 4 + 4k. Which tag may
// follow which is fixed by the scheme (B/I continue with I/L of the same
// type; O, L, U are followed by O, B or U), and decoding only considers
// allowed sequences.
//
// Immutable after construction; thread-safe.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_TAG_SET_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_TAG_SET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wordloom::analyze::entities {

enum class TagPart : uint8_t { kO = 0, kB = 1, kI = 2, kL = 3, kU = 4 };

class TagSet {
 public:
  // `types`: the entity type labels of the data (e.g. PER, LOC, ORG, MISC).
  explicit TagSet(std::vector<std::string> types);

  int num_tags() const { return 1 + 4 * static_cast<int>(types_.size()); }
  int num_types() const { return static_cast<int>(types_.size()); }
  const std::vector<std::string>& types() const { return types_; }

  static int Tag(int type, TagPart part) { return 1 + 4 * type + (static_cast<int>(part) - 1); }
  static TagPart Part(int tag) {
    return tag == 0 ? TagPart::kO : static_cast<TagPart>(1 + (tag - 1) % 4);
  }
  static int Type(int tag) { return tag == 0 ? -1 : (tag - 1) / 4; }

  // Whether `cur` may follow `prev` (prev = -1: sentence start; cur = -1:
  // sentence end).
  static bool Allowed(int prev, int cur);

  // "O", "B-PER", ... for `tag`.
  std::string Name(int tag) const;
  // Index of `type` or -1.
  int TypeIndex(std::string_view type) const;

 private:
  std::vector<std::string> types_;
};

// Comprehend's entity type name for a CoNLL type: PER -> PERSON,
// LOC -> LOCATION, ORG -> ORGANIZATION, MISC -> OTHER; others unchanged.
std::string_view ComprehendType(std::string_view conll_type);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_TAG_SET_H_
