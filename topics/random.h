// A small, fast pseudo-random generator for samplers (wyrand), and the seed
// derivation that makes training deterministic for a given seed.
//
// Not thread-safe: one Rng per thread or per document.
#ifndef WORDLOOM_TOPICS_RANDOM_H_
#define WORDLOOM_TOPICS_RANDOM_H_

#include <cstdint>

namespace wordloom::topics {

// splitmix64: mixes a 64-bit value into a well-distributed one.
inline uint64_t MixSeed(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(MixSeed(seed)) {}

  uint64_t Next() {
    state_ += 0xa0761d6478bd642fULL;
    __uint128_t m = static_cast<__uint128_t>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<uint64_t>(m >> 64) ^ static_cast<uint64_t>(m);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n), n > 0 and below 2^32.
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }

 private:
  uint64_t state_;
};

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_RANDOM_H_
