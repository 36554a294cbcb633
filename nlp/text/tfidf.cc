#include "nlp/text/tfidf.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace wordloom::nlp {

TfidfWeights::TfidfWeights(std::vector<int64_t> document_frequencies, int64_t num_documents,
                           const TfidfOptions& options)
    : options_(options), num_documents_(num_documents) {
  idf_.resize(document_frequencies.size());
  for (size_t i = 0; i < idf_.size(); ++i) idf_[i] = IdfOf(document_frequencies[i]);
}

TfidfWeights TfidfWeights::FromVocabulary(const Vocabulary& vocab, const TfidfOptions& options) {
  std::vector<int64_t> df(vocab.size());
  for (size_t i = 0; i < df.size(); ++i) df[i] = vocab.DocumentFrequency(static_cast<int32_t>(i));
  return TfidfWeights(std::move(df), vocab.num_documents(), options);
}

double IdfValue(int64_t df, int64_t num_documents, const TfidfOptions& options) {
  if (!options.use_idf) return 1.0;
  const double n = static_cast<double>(num_documents);
  const double d = static_cast<double>(df);
  // Same expressions as sklearn's TfidfTransformer.fit (float64).
  if (options.smooth_idf) return std::log((n + 1.0) / (d + 1.0)) + 1.0;
  return d > 0 ? std::log(n / d) + 1.0 : std::log(n + 1.0) + 1.0;
}

double TfidfWeights::IdfOf(int64_t df) const { return IdfValue(df, num_documents_, options_); }

double TfidfWeights::Idf(int32_t id) const {
  if (id >= 0 && static_cast<size_t>(id) < idf_.size()) return idf_[id];
  return IdfOf(0);
}

void TfidfWeights::Transform(std::span<const int32_t> ids, std::vector<WeightedTerm>* out) const {
  out->clear();
  std::vector<int32_t> sorted;
  sorted.reserve(ids.size());
  for (int32_t id : ids) {
    if (id >= 0) sorted.push_back(id);
  }
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    out->push_back({sorted[i], static_cast<double>(j - i)});
    i = j;
  }
  WeightCounts(out);
}

void TfidfWeights::WeightCounts(std::vector<WeightedTerm>* terms) const {
  double norm = 0;
  for (WeightedTerm& t : *terms) {
    double tf = t.weight;
    if (options_.tf == TfWeighting::kLog) tf = std::log(tf) + 1.0;
    if (options_.tf == TfWeighting::kBoolean) tf = tf > 0 ? 1.0 : 0.0;
    t.weight = tf * Idf(t.id);
    norm += options_.norm == TfidfNorm::kL1 ? std::fabs(t.weight) : t.weight * t.weight;
  }
  if (options_.norm == TfidfNorm::kNone || norm == 0) return;
  if (options_.norm == TfidfNorm::kL2) norm = std::sqrt(norm);
  for (WeightedTerm& t : *terms) t.weight /= norm;
}

}  // namespace wordloom::nlp

// ---- Pre-tokenized lines: white space (FitTransformLines() is in tfidf_fit.cc)

namespace wordloom::nlp {

size_t WhitespaceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) -> unsigned { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  const unsigned c = byte(i);
  if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return 1;
  if (c < 0x80) return 0;
  const unsigned c1 = byte(i + 1), c2 = byte(i + 2);
  if (c == 0xc2) return (c1 == 0x85 || c1 == 0xa0) ? 2 : 0;
  if (c == 0xe1) return (c1 == 0x9a && c2 == 0x80) ? 3 : 0;
  if (c == 0xe2 && c1 == 0x80) {
    return ((c2 >= 0x80 && c2 <= 0x8a) || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf) ? 3 : 0;
  }
  if (c == 0xe2) return (c1 == 0x81 && c2 == 0x9f) ? 3 : 0;
  if (c == 0xe3) return (c1 == 0x80 && c2 == 0x80) ? 3 : 0;
  return 0;
}

}  // namespace wordloom::nlp
