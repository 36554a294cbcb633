// Open-addressing (linear probing) lookup tables for the featurizer's hot
// path: words by their fastText hash (computed once per token and reused for
// word n-grams, so a token is hashed once, not twice), and n-gram buckets to
// compact input rows. Several times faster than generic hash maps here.
//
// Immutable after Build(); thread-safe for concurrent Find().
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_LOOKUP_TABLES_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_LOOKUP_TABLES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wordloom::embeddings::classifier {

// Word -> id (index into the words given to Build), keyed by the word's hash.
class WordTable {
 public:
  // `hashes[i]` must be the hash of `words[i]`; words must be distinct.
  void Build(const std::vector<std::string>& words, const std::vector<uint32_t>& hashes);

  // Id of `word` whose hash is `hash`, or -1.
  int32_t Find(std::string_view word, uint32_t hash) const {
    if (slots_.empty()) return -1;
    for (uint32_t i = Mix(hash) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id < 0) return -1;
      if (s.hash == hash && Word(s.id) == word) return s.id;
    }
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    int32_t id = -1;
  };
  static uint32_t Mix(uint32_t h) { return h * 0x9E3779B1u >> 7 ^ h; }
  std::string_view Word(int32_t id) const {
    return std::string_view(chars_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  std::vector<Slot> slots_;
  uint32_t mask_ = 0;
  std::string chars_;              // all words back to back
  std::vector<uint32_t> offsets_;  // word i is chars_[offsets_[i], offsets_[i+1])
};

// Bucket id -> input row, for buckets seen in training (compact layout).
class BucketTable {
 public:
  // Bucket ids[i] maps to row base + i; ids must be distinct.
  void Build(const std::vector<uint32_t>& ids, int32_t base);

  // Row of `bucket`, or -1.
  int32_t Find(uint32_t bucket) const {
    if (slots_.empty()) return -1;
    for (uint32_t i = Mix(bucket) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.row < 0) return -1;
      if (s.bucket == bucket) return s.row;
    }
  }

 private:
  struct Slot {
    uint32_t bucket = 0;
    int32_t row = -1;
  };
  static uint32_t Mix(uint32_t b) { return (b * 0x9E3779B1u) ^ (b >> 16); }
  std::vector<Slot> slots_;
  uint32_t mask_ = 0;
};

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_LOOKUP_TABLES_H_
