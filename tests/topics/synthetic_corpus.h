// Test helpers for the topics tests: a corpus drawn from the LDA generative
// process with known topics, and small hand-built models.
#ifndef WORDLOOM_TESTS_TOPICS_SYNTHETIC_CORPUS_H_
#define WORDLOOM_TESTS_TOPICS_SYNTHETIC_CORPUS_H_

#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "topics/corpus.h"
#include "topics/lda_model.h"

namespace wordloom::topics::testing {

struct SyntheticCorpus {
  Corpus corpus;
  // true_phi[k][w]: the topic-word distributions the corpus was drawn from.
  std::vector<std::vector<double>> true_phi;
};

inline std::vector<double> SampleDirichlet(double concentration, size_t n, std::mt19937_64& rng) {
  std::gamma_distribution<double> gamma(concentration, 1.0);
  std::vector<double> x(n);
  double sum = 0;
  for (double& v : x) sum += v = gamma(rng) + 1e-300;
  for (double& v : x) v /= sum;
  return x;
}

inline size_t SampleDiscrete(const std::vector<double>& p, std::mt19937_64& rng) {
  double u = std::uniform_real_distribution<double>(0, 1)(rng);
  for (size_t i = 0; i < p.size(); ++i) {
    if ((u -= p[i]) < 0) return i;
  }
  return p.size() - 1;
}

// D documents of `length` tokens from K topics over V terms ("w0", "w1",
// ...): phi_k ~ Dir(beta), theta_d ~ Dir(alpha). Deterministic for a seed.
inline SyntheticCorpus MakeSyntheticCorpus(int k, int v, int docs, int length, double alpha,
                                           double beta, uint64_t seed) {
  std::mt19937_64 rng(seed);
  SyntheticCorpus s;
  for (int w = 0; w < v; ++w) s.corpus.vocab.Add(absl::StrCat("w", w), 0);
  for (int t = 0; t < k; ++t) s.true_phi.push_back(SampleDirichlet(beta, v, rng));
  for (int d = 0; d < docs; ++d) {
    const std::vector<double> theta = SampleDirichlet(alpha, k, rng);
    std::vector<int32_t> doc;
    for (int i = 0; i < length; ++i) {
      doc.push_back(static_cast<int32_t>(SampleDiscrete(s.true_phi[SampleDiscrete(theta, rng)], rng)));
    }
    s.corpus.vocab.AddDocument(doc);
    s.corpus.docs.push_back(std::move(doc));
    s.corpus.names.push_back(absl::StrCat("doc", d));
  }
  return s;
}

inline double Cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double ab = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / std::sqrt(aa * bb);
}

// A model over terms "a", "b", ... with the given counts[w] = {(topic, count)}.
inline std::unique_ptr<LdaModel> MakeModel(std::vector<double> alpha, double beta,
                                           std::vector<std::vector<TopicCount>> counts) {
  LdaModelData data;
  for (size_t w = 0; w < counts.size(); ++w) data.vocab.Add(std::string(1, static_cast<char>('a' + w)));
  data.alpha = std::move(alpha);
  data.beta.assign(counts.size(), beta);
  data.word_topics = std::move(counts);
  data.text.stopwords_language = "";
  auto model = LdaModel::Create(std::move(data));
  return model.ok() ? std::move(*model) : nullptr;
}

}  // namespace wordloom::topics::testing

#endif  // WORDLOOM_TESTS_TOPICS_SYNTHETIC_CORPUS_H_
