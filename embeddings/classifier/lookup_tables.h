// Open-addressing (linear probing) lookup tables for the featurizer's hot
// path: words by their fastText hash (computed once per token and reused for
// word n-grams, so a token is hashed once, not twice), and n-gram buckets to
// compact input rows. Several times faster than generic hash maps here.
// Large tables miss the cache on nearly every lookup, so both offer
// Prefetch() calls that let the featurizer fetch a few tokens ahead.
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
      if (s.hash == hash && s.length == word.size() &&
          std::string_view(chars_.data() + s.offset, s.length) == word) {
        return s.id;
      }
    }
  }

  // Starts fetching the slot a Find() with `hash` reads first.
  void PrefetchSlot(uint32_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Mix(hash) & mask_]);
  }
  // Starts fetching the characters Find() with `hash` compares first; call
  // some time after PrefetchSlot(hash), when the slot is in cache.
  void PrefetchWord(uint32_t hash) const {
    if (slots_.empty()) return;
    const Slot& s = slots_[Mix(hash) & mask_];
    if (s.id >= 0) __builtin_prefetch(chars_.data() + s.offset);
  }

 private:
  // The word's bytes are chars_[offset, offset + length): the slot holds
  // all Find() needs but the characters themselves.
  struct Slot {
    uint32_t hash = 0;
    int32_t id = -1;
    uint32_t offset = 0;
    uint32_t length = 0;
  };
  static uint32_t Mix(uint32_t h) { return h * 0x9E3779B1u >> 7 ^ h; }
  std::vector<Slot> slots_;
  uint32_t mask_ = 0;
  std::string chars_;  // all words back to back
};

// Bucket id -> input row, for buckets seen in training (compact layout).
// When the seen buckets are a large share of all buckets, a plain array
// indexed by bucket is smaller than the hash table and needs one memory
// access per lookup instead of a probe sequence; Build() picks that then.
class BucketTable {
 public:
  // Bucket ids[i] (each < num_buckets) maps to row base + i; ids must be
  // distinct.
  void Build(const std::vector<uint32_t>& ids, int32_t base, uint64_t num_buckets);

  // Row of `bucket`, or -1.
  int32_t Find(uint32_t bucket) const {
    if (!dense_.empty()) return bucket < dense_.size() ? dense_[bucket] : -1;
    if (slots_.empty()) return -1;
    for (uint32_t i = Mix(bucket) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.row < 0) return -1;
      if (s.bucket == bucket) return s.row;
    }
  }

  // Starts fetching what Find(bucket) reads first.
  void Prefetch(uint32_t bucket) const {
    if (!dense_.empty()) {
      if (bucket < dense_.size()) __builtin_prefetch(&dense_[bucket]);
    } else if (!slots_.empty()) {
      __builtin_prefetch(&slots_[Mix(bucket) & mask_]);
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
  std::vector<int32_t> dense_;  // bucket -> row or -1, when chosen
};

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_LOOKUP_TABLES_H_
