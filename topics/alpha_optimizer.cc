#include "topics/alpha_optimizer.h"

#include <algorithm>

namespace wordloom::topics {

std::vector<double> OptimizeAlphaMinka(std::vector<double> alpha,
                                       const std::vector<std::vector<int64_t>>& topic_hist,
                                       const std::vector<int64_t>& length_hist, int rounds) {
  for (int round = 0; round < rounds; ++round) {
    double alpha_sum = 0;
    for (double a : alpha) alpha_sum += a;
    double denominator = 0, digamma_diff = 0;
    for (size_t n = 1; n < length_hist.size(); ++n) {
      digamma_diff += 1.0 / (alpha_sum + static_cast<double>(n) - 1);
      denominator += static_cast<double>(length_hist[n]) * digamma_diff;
    }
    if (!(denominator > 0)) return alpha;
    for (size_t k = 0; k < alpha.size(); ++k) {
      double numerator = 0, diff = 0;
      const std::vector<int64_t>& hist = topic_hist[k];
      for (size_t n = 1; n < hist.size(); ++n) {
        diff += 1.0 / (alpha[k] + static_cast<double>(n) - 1);
        numerator += static_cast<double>(hist[n]) * diff;
      }
      alpha[k] = std::clamp(alpha[k] * numerator / denominator, 1e-6, 1e3);
    }
  }
  return alpha;
}

}  // namespace wordloom::topics
