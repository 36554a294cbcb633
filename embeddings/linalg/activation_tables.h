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

// sigmoid(x), exact 0/1 beyond +-kMaxSigmoid, table lookup inside.
inline float FastSigmoid(float x) {
  static const auto table = [] {
    std::array<float, kSigmoidTableSize + 1> t{};
    for (int i = 0; i <= kSigmoidTableSize; ++i) {
      float v = (i * 2 * kMaxSigmoid) / kSigmoidTableSize - kMaxSigmoid;
      t[i] = 1.0f / (1.0f + std::exp(-v));
    }
    return t;
  }();
  if (x < -kMaxSigmoid) return 0.0f;
  if (x > kMaxSigmoid) return 1.0f;
  int i = static_cast<int>((x + kMaxSigmoid) * kSigmoidTableSize / kMaxSigmoid / 2);
  return table[i];
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
