// Walker's alias table: draws from a fixed discrete distribution over
// [0, n) in O(1) after O(n) construction (Vose's method).
//
// Immutable after Build(); Sample() is const and thread-safe given a
// per-thread Rng.
#ifndef WORDLOOM_TOPICS_ALIAS_TABLE_H_
#define WORDLOOM_TOPICS_ALIAS_TABLE_H_

#include <cstdint>
#include <vector>

#include "topics/random.h"

namespace wordloom::topics {

class AliasTable {
 public:
  // Builds the table for weights (non-negative, not all zero; an all-zero
  // input gives the uniform distribution).
  void Build(const double* weights, int32_t n);
  int32_t Sample(Rng& rng) const {
    const uint32_t i = rng.Below(static_cast<uint32_t>(prob_.size()));
    return rng.Uniform() < prob_[i] ? static_cast<int32_t>(i) : alias_[i];
  }
  int32_t size() const { return static_cast<int32_t>(prob_.size()); }
  double total() const { return total_; }

 private:
  std::vector<float> prob_;
  std::vector<int32_t> alias_;
  double total_ = 0;
};

// Builds into caller-owned arrays of length n (for packed per-word tables).
// Returns the total weight.
double BuildAlias(const double* weights, int32_t n, float* prob, int32_t* alias);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_ALIAS_TABLE_H_
