// Table-driven sigmoid and log as in word2vec/fastText: the inner loops of
// negative sampling and hierarchical softmax call these millions of times.
//
// Tables are built once (function-local statics, thread-safe init) and then
// only read, so all functions are thread-safe.
#ifndef WORDLOOM_EMBEDDINGS_LINALG_ACTIVATION_TABLES_H_
#define WORDLOOM_EMBEDDINGS_LINALG_ACTIVATION_TABLES_H_

#include <array>
#include <cmath>

namespace wordloom::embeddings::linalg {

inline constexpr int kSigmoidTableSize = 512;
inline constexpr float kMaxSigmoid = 8.0f;
inline constexpr int kLogTableSize = 512;

// sigmoid(x), exact 0/1 beyond +-kMaxSigmoid; inside, linear interpolation
// between table entries 1/32 apart (absolute error < 2e-5). A plain
// truncating lookup, as word2vec.c/fastText do, is biased by up to half a
// bin (sigmoid(-0.01) came out 0.492 instead of 0.4975), which skews every
// gradient near the decision boundary by ~1%.
inline float FastSigmoid(float x) {
  static const auto table = [] {
    // One extra entry so that x == kMaxSigmoid interpolates without a branch.
    std::array<float, kSigmoidTableSize + 2> t{};
    for (int i = 0; i <= kSigmoidTableSize; ++i) {
      double v = (i * 2.0 * kMaxSigmoid) / kSigmoidTableSize - kMaxSigmoid;
      t[i] = static_cast<float>(1.0 / (1.0 + std::exp(-v)));
    }
    t[kSigmoidTableSize + 1] = t[kSigmoidTableSize];
    return t;
  }();
  if (!(x >= -kMaxSigmoid)) return 0.0f;  // also maps NaN to 0
  if (x > kMaxSigmoid) return 1.0f;
  const float pos = (x + kMaxSigmoid) * (kSigmoidTableSize / (2 * kMaxSigmoid));
  const int i = static_cast<int>(pos);
  const float frac = pos - static_cast<float>(i);
  return table[i] + frac * (table[i + 1] - table[i]);
}

// log(x) for x in (0, 1], table lookup; log(1.0) == 0; x above 1 gives 0.
inline float FastLog(float x) {
  static const auto table = [] {
    std::array<float, kLogTableSize + 1> t{};
    for (int i = 0; i <= kLogTableSize; ++i) {
      t[i] = std::log((static_cast<float>(i) + 1e-5f) / kLogTableSize);
    }
    return t;
  }();
  if (x > 1.0f) return 0.0f;
  int i = static_cast<int>(x * kLogTableSize);
  return table[i];
}

}  // namespace wordloom::embeddings::linalg

#endif  // WORDLOOM_EMBEDDINGS_LINALG_ACTIVATION_TABLES_H_
