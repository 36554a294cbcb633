#include "nlp/analyze/entities/decoder.h"

#include <algorithm>
#include <cmath>

namespace wordloom::analyze::entities {

void Viterbi(const float* emit, int n, int T, const float* trans, const float* end,
             std::vector<int>* path) {
  path->assign(n, 0);
  if (n == 0) return;
  std::vector<float> score(T), next(T);
  std::vector<int> back(static_cast<size_t>(n) * T);
  for (int t = 0; t < T; ++t) score[t] = trans[t] + emit[t];
  for (int i = 1; i < n; ++i) {
    const float* e = emit + static_cast<size_t>(i) * T;
    int* b = back.data() + static_cast<size_t>(i) * T;
    for (int t = 0; t < T; ++t) {
      float best = -3e38f;
      int arg = 0;
      for (int p = 0; p < T; ++p) {
        const float s = score[p] + trans[(p + 1) * T + t];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      next[t] = best + e[t];
      b[t] = arg;
    }
    score.swap(next);
  }
  int arg = 0;
  float best = -3e38f;
  for (int t = 0; t < T; ++t) {
    const float s = score[t] + end[t];
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  for (int i = n - 1; i >= 0; --i) {
    (*path)[i] = arg;
    if (i > 0) arg = back[static_cast<size_t>(i) * T + arg];
  }
}

namespace {

// exp((emit[t] - max) / temperature) for one token.
void ExpRow(const float* e, int T, float temperature, float* out) {
  float m = e[0];
  for (int t = 1; t < T; ++t) m = std::max(m, e[t]);
  for (int t = 0; t < T; ++t) out[t] = std::exp((e[t] - m) / temperature);
}

bool Normalize(float* v, int T) {
  float s = 0;
  for (int t = 0; t < T; ++t) s += v[t];
  if (!(s > 0) || !std::isfinite(s)) return false;
  const float inv = 1.0f / s;
  for (int t = 0; t < T; ++t) v[t] *= inv;
  return true;
}

}  // namespace

void Marginals(const float* emit, int n, int T, const float* exp_trans, const float* exp_end,
               float temperature, const std::vector<int>& path, std::vector<float>* marginals) {
  const size_t size = static_cast<size_t>(n) * T;
  marginals->assign(size, 0.0f);
  if (n == 0) return;
  std::vector<float> pot(size), alpha(size), beta(size);
  for (int i = 0; i < n; ++i) ExpRow(emit + static_cast<size_t>(i) * T, T, temperature, &pot[i * T]);
  bool ok = true;
  for (int t = 0; t < T; ++t) alpha[t] = exp_trans[t] * pot[t];
  ok &= Normalize(&alpha[0], T);
  for (int i = 1; i < n && ok; ++i) {
    float* a = &alpha[static_cast<size_t>(i) * T];
    const float* prev = a - T;
    for (int t = 0; t < T; ++t) {
      float s = 0;
      for (int p = 0; p < T; ++p) s += prev[p] * exp_trans[(p + 1) * T + t];
      a[t] = s * pot[static_cast<size_t>(i) * T + t];
    }
    ok &= Normalize(a, T);
  }
  float* last = &beta[static_cast<size_t>(n - 1) * T];
  for (int t = 0; t < T; ++t) last[t] = exp_end[t];
  ok = ok && Normalize(last, T);
  for (int i = n - 2; i >= 0 && ok; --i) {
    float* b = &beta[static_cast<size_t>(i) * T];
    const float* nb = b + T;
    const float* np = &pot[static_cast<size_t>(i + 1) * T];
    for (int p = 0; p < T; ++p) {
      float s = 0;
      for (int t = 0; t < T; ++t) s += exp_trans[(p + 1) * T + t] * np[t] * nb[t];
      b[p] = s;
    }
    ok &= Normalize(b, T);
  }
  for (int i = 0; i < n && ok; ++i) {
    float* m = &(*marginals)[static_cast<size_t>(i) * T];
    for (int t = 0; t < T; ++t) m[t] = alpha[i * T + t] * beta[i * T + t];
    ok &= Normalize(m, T);
  }
  if (!ok) {
    marginals->assign(size, 0.0f);
    for (int i = 0; i < n; ++i) (*marginals)[static_cast<size_t>(i) * T + path[i]] = 1.0f;
  }
}

}  // namespace wordloom::analyze::entities
