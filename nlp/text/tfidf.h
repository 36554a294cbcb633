// TF-IDF term weighting over a vocabulary's document frequencies, with the
// variants of scikit-learn's TfidfVectorizer so that the same token stream
// gives the same values (to rounding):
//   tf:   raw count | log (1 + ln count, sklearn sublinear_tf) | boolean
//   idf:  smooth  ln((1 + n) / (1 + df)) + 1   (sklearn smooth_idf=True)
//         plain   ln(n / df) + 1               (smooth_idf=False)
//         none    1                            (use_idf=False)
//   norm: l2 | l1 | none, per document
//
// Immutable after construction; Transform() is thread-safe.
//
//   nlp::TfidfWeights tfidf = nlp::TfidfWeights::FromVocabulary(vocab, {});
//   std::vector<nlp::WeightedTerm> row;
//   tfidf.Transform(doc_ids, &row);  // sorted by term id
#ifndef WORDLOOM_NLP_TEXT_TFIDF_H_
#define WORDLOOM_NLP_TEXT_TFIDF_H_

#include <cstdint>
#include <span>
#include <vector>

#include "nlp/text/vocabulary.h"

namespace wordloom::nlp {

enum class TfWeighting { kRaw, kLog, kBoolean };
enum class TfidfNorm { kNone, kL1, kL2 };

struct TfidfOptions {
  TfWeighting tf = TfWeighting::kRaw;
  bool use_idf = true;
  bool smooth_idf = true;
  TfidfNorm norm = TfidfNorm::kL2;
};

struct WeightedTerm {
  int32_t id = 0;
  double weight = 0;
};

class TfidfWeights {
 public:
  // `document_frequencies[id]` of `num_documents` documents.
  TfidfWeights(std::vector<int64_t> document_frequencies, int64_t num_documents,
               const TfidfOptions& options);
  static TfidfWeights FromVocabulary(const Vocabulary& vocab, const TfidfOptions& options);

  // The idf of term `id` (1 when use_idf is false; ids out of range get the
  // idf of a term seen in no document).
  double Idf(int32_t id) const;

  // The weighted, normalized vector of a document given as term ids (any
  // order, repeats counted), sorted by id. Negative ids are ignored.
  void Transform(std::span<const int32_t> ids, std::vector<WeightedTerm>* out) const;

  // Applies tf weighting, idf and normalization to raw counts (sorted by id,
  // weights = counts), in place.
  void WeightCounts(std::vector<WeightedTerm>* terms) const;

  size_t size() const { return idf_.size(); }
  const TfidfOptions& options() const { return options_; }

 private:
  double IdfOf(int64_t df) const;

  TfidfOptions options_;
  int64_t num_documents_;
  std::vector<double> idf_;
};

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_TFIDF_H_
