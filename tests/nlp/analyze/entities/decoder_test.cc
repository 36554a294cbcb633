// Viterbi and forward-backward against brute-force enumeration.
#include "nlp/analyze/entities/decoder.h"

#include <cmath>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/entities/tag_set.h"

namespace wordloom::analyze::entities {
namespace {

struct Problem {
  int n = 0, T = 0;
  std::vector<float> emit, trans, end;
};

Problem RandomProblem(int n, int types, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> g(0.0f, 2.0f);
  Problem p;
  p.n = n;
  p.T = 1 + 4 * types;
  for (int i = 0; i < n * p.T; ++i) p.emit.push_back(g(rng));
  for (int prev = -1; prev < p.T; ++prev) {
    for (int t = 0; t < p.T; ++t) p.trans.push_back(TagSet::Allowed(prev, t) ? g(rng) : kForbidden);
  }
  for (int t = 0; t < p.T; ++t) p.end.push_back(TagSet::Allowed(t, -1) ? g(rng) : kForbidden);
  return p;
}

double Score(const Problem& p, const std::vector<int>& tags) {
  double s = 0;
  for (int i = 0; i < p.n; ++i) {
    const int prev = i == 0 ? -1 : tags[i - 1];
    s += p.trans[(prev + 1) * p.T + tags[i]] + p.emit[i * p.T + tags[i]];
  }
  return s + p.end[tags[p.n - 1]];
}

// Calls `visit` on every allowed tag sequence of length n.
template <typename F>
void Enumerate(const Problem& p, std::vector<int>* tags, F&& visit) {
  const int i = static_cast<int>(tags->size());
  if (i == p.n) {
    if (TagSet::Allowed(tags->back(), -1)) visit(*tags);
    return;
  }
  for (int t = 0; t < p.T; ++t) {
    if (!TagSet::Allowed(i == 0 ? -1 : tags->back(), t)) continue;
    tags->push_back(t);
    Enumerate(p, tags, visit);
    tags->pop_back();
  }
}

TEST(DecoderTest, ViterbiAndMarginalsMatchEnumeration) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const Problem p = RandomProblem(4, 2, seed);
    std::vector<int> best_tags, tags;
    double best = -1e300, z = 0;
    std::vector<double> marg(p.n * p.T, 0.0);
    const float temperature = 1.5f;
    Enumerate(p, &tags, [&](const std::vector<int>& t) {
      const double s = Score(p, t);
      if (s > best) {
        best = s;
        best_tags = t;
      }
      const double w = std::exp(s / temperature);
      z += w;
      for (int i = 0; i < p.n; ++i) marg[i * p.T + t[i]] += w;
    });
    std::vector<int> path;
    Viterbi(p.emit.data(), p.n, p.T, p.trans.data(), p.end.data(), &path);
    EXPECT_EQ(path, best_tags) << "seed " << seed;
    std::vector<float> exp_trans, exp_end, got;
    for (float v : p.trans) exp_trans.push_back(v == kForbidden ? 0 : std::exp((v - 3) / temperature));
    for (float v : p.end) exp_end.push_back(v == kForbidden ? 0 : std::exp((v - 3) / temperature));
    Marginals(p.emit.data(), p.n, p.T, exp_trans.data(), exp_end.data(), temperature, path, &got);
    for (int k = 0; k < p.n * p.T; ++k) EXPECT_NEAR(got[k], marg[k] / z, 1e-4) << k;
  }
}

TEST(DecoderTest, EmptyAndUnderflowAreSafe) {
  std::vector<int> path{7};
  Viterbi(nullptr, 0, 5, nullptr, nullptr, &path);
  EXPECT_TRUE(path.empty());
  // Huge scores at a tiny temperature underflow: marginals fall back to the path.
  Problem p = RandomProblem(3, 1, 9);
  for (float& e : p.emit) e *= 1e6f;
  Viterbi(p.emit.data(), p.n, p.T, p.trans.data(), p.end.data(), &path);
  std::vector<float> zeros(p.trans.size(), 0.0f), zend(p.T, 0.0f), marg;
  Marginals(p.emit.data(), p.n, p.T, zeros.data(), zend.data(), 1e-6f, path, &marg);
  for (int i = 0; i < p.n; ++i) {
    float sum = 0;
    for (int t = 0; t < p.T; ++t) {
      EXPECT_TRUE(std::isfinite(marg[i * p.T + t]));
      sum += marg[i * p.T + t];
    }
    EXPECT_NEAR(sum, 1.0f, 1e-5);
    EXPECT_EQ(marg[i * p.T + path[i]], 1.0f);
  }
}

}  // namespace
}  // namespace wordloom::analyze::entities
