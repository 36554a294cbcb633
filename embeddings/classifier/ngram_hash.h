// fastText-compatible token hashing for the classifier's feature extraction:
// the FNV-1a variant fastText uses for words, and its word n-gram bucket
// mixing, so models loaded from fastText `.bin` see the same feature ids.
//
// Pure functions; thread-safe.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_NGRAM_HASH_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_NGRAM_HASH_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace wordloom::embeddings::classifier {

// fastText's Dictionary::hash: FNV-1a 32 with each byte sign-extended (a
// quirk that must be kept for bucket compatibility with fastText models).
inline uint32_t FastTextHash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<uint32_t>(static_cast<int8_t>(c));
    h *= 16777619u;
  }
  return h;
}

// Calls emit(bucket) for every word n-gram of length 2..n over the token
// hashes, in fastText's order (Dictionary::addWordNgrams): for each start i,
// h = hashes[i], then h = h * 116049371 + hashes[j] for j = i+1 .. i+n-1,
// bucket = h % buckets. fastText keeps hashes as int32 and widens them to
// uint64 with sign extension; SignExtend reproduces that.
inline uint64_t SignExtend(uint32_t h) {
  return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(h)));
}

template <typename Emit>
void ForEachWordNgram(const std::vector<uint32_t>& hashes, int n, uint64_t buckets, Emit&& emit) {
  if (n <= 1 || buckets == 0) return;
  const size_t size = hashes.size();
  for (size_t i = 0; i < size; ++i) {
    uint64_t h = SignExtend(hashes[i]);
    for (size_t j = i + 1; j < size && j < i + static_cast<size_t>(n); ++j) {
      h = h * 116049371ull + SignExtend(hashes[j]);
      emit(h % buckets);
    }
  }
}

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_NGRAM_HASH_H_
