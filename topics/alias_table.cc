#include "topics/alias_table.h"

#include <vector>

namespace wordloom::topics {

double BuildAlias(const double* weights, int32_t n, float* prob, int32_t* alias) {
  double total = 0;
  for (int32_t i = 0; i < n; ++i) total += weights[i];
  if (n == 0) return 0;
  std::vector<double> scaled(n);
  std::vector<int32_t> small, large;
  small.reserve(n);
  large.reserve(n);
  for (int32_t i = 0; i < n; ++i) {
    scaled[i] = total > 0 ? weights[i] * n / total : 1.0;
    (scaled[i] < 1.0 ? small : large).push_back(i);
  }
  while (!small.empty() && !large.empty()) {
    const int32_t s = small.back(), l = large.back();
    small.pop_back();
    prob[s] = static_cast<float>(scaled[s]);
    alias[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (int32_t i : large) prob[i] = 1.0f, alias[i] = i;
  for (int32_t i : small) prob[i] = 1.0f, alias[i] = i;  // rounding leftovers
  return total;
}

void AliasTable::Build(const double* weights, int32_t n) {
  prob_.assign(n, 1.0f);
  alias_.assign(n, 0);
  total_ = BuildAlias(weights, n, prob_.data(), alias_.data());
}

}  // namespace wordloom::topics
