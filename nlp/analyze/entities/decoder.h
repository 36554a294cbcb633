// Sequence decoding for the entity tagger over a first-order model:
// score(tags) = sum_i emit[i][tag_i] + trans[start][tag_0]
//               + sum_i trans[tag_{i-1}][tag_i] + end[tag_{n-1}].
// Transitions are a (T + 1) x T row-major matrix (row 0 = sentence start,
// row p + 1 = previous tag p) and an end vector of T; disallowed
// transitions carry kForbidden so no decoded sequence uses them.
//
// Functions only; thread-safe.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_DECODER_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_DECODER_H_

#include <vector>

namespace wordloom::analyze::entities {

inline constexpr float kForbidden = -1e30f;

// Best tag sequence (Viterbi). `emit` is n x T row-major; n may be 0.
void Viterbi(const float* emit, int n, int num_tags, const float* trans, const float* end,
             std::vector<int>* path);

// Per-token tag marginals under p(tags) proportional to exp(score /
// temperature): n x T into `marginals`. `exp_trans` / `exp_end` are
// exp((trans - c) / temperature) for any constant c (0 where forbidden).
// When the sums underflow, falls back to a one-hot of `path`.
void Marginals(const float* emit, int n, int num_tags, const float* exp_trans,
               const float* exp_end, float temperature, const std::vector<int>& path,
               std::vector<float>* marginals);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_DECODER_H_
