// TF-IDF term weighting over a vocabulary's document frequencies, with the
// variants of scikit-learn's TfidfVectorizer so that the same token stream
// gives the same values (to rounding):
//   tf:   raw count | log (1 + ln count, sklearn sublinear_tf) | boolean
//   idf:  smooth  ln((1 + n) / (1 + df)) + 1   (sklearn smooth_idf=True)
//         plain   ln(n / df) + 1               (smooth_idf=False)
//         none    1                            (use_idf=False)
//   norm: l2 | l1 | none, per document
//
// TfidfWeights is immutable after construction; Transform() is thread-safe.
// FitTransformLines() is sklearn's fit_transform over pre-tokenized lines,
// in memory on several threads (the fast path the TF-IDF benchmark times).
//
//   nlp::TfidfWeights tfidf = nlp::TfidfWeights::FromVocabulary(vocab, {});
//   std::vector<nlp::WeightedTerm> row;
//   tfidf.Transform(doc_ids, &row);  // sorted by term id
#ifndef WORDLOOM_NLP_TEXT_TFIDF_H_
#define WORDLOOM_NLP_TEXT_TFIDF_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/huge_pages.h"
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

// The idf of a term in `df` of `num_documents` documents under `options`
// (sklearn's expressions; 1 when use_idf is false).
double IdfValue(int64_t df, int64_t num_documents, const TfidfOptions& options);

// Immutable idf table and row weighting; Transform() is thread-safe.
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

// Bytes of the white-space character starting at text[i] (0: none), as
// Python's str.isspace() sees it, so that splitting on it gives exactly the
// terms of the regular expression \S+ on decoded text (sklearn's
// token_pattern=r"\S+"): ASCII \t \n \v \f \r, U+001C..U+001F, space,
// U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
// U+3000.
size_t WhitespaceLength(std::string_view text, size_t i);

// Calls fn(std::string_view term) for each maximal run of non-white-space
// (WhitespaceLength) in `text`: the \S+ pre-tokenized terms.
template <typename Fn>
void ForEachWhitespaceTerm(std::string_view text, Fn&& fn) {
  size_t i = 0, start = 0;
  bool in_term = false;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // Fast path: printable ASCII other than space is always a term byte.
    const size_t space = (c > 0x20 && c < 0x80) ? 0 : WhitespaceLength(text, i);
    if (space == 0) {
      if (!in_term) start = i;
      in_term = true;
      ++i;
      continue;
    }
    if (in_term) fn(text.substr(start, i - start));
    in_term = false;
    i += space;
  }
  if (in_term) fn(text.substr(start));
}

// A sparse matrix in CSR form: row r holds columns[row_begin[r] ..
// row_begin[r + 1]) with their values (columns in no particular order).
// The arrays leave new elements uninitialized (HugePageAllocator): the fit
// writes every element, on all threads.
struct SparseRows {
  template <typename T>
  using Array = std::vector<T, HugePageAllocator<T>>;
  Array<uint64_t> row_begin{0};
  Array<int32_t> columns;
  Array<double> values;
  size_t rows() const { return row_begin.size() - 1; }
  uint64_t nonzeros() const { return row_begin.back(); }
};

// What FitTransformLines() learns and returns.
struct TfidfFit {
  std::vector<std::string> terms;  // column -> term, in byte order (sklearn's)
  std::vector<int64_t> document_frequencies;  // per column
  std::vector<double> idf;                    // per column
  SparseRows matrix;                          // one row per line
};

// TF-IDF of `text` taken as one document per line ('\n'-terminated; a last
// line without '\n' counts, an empty line is an empty document) and terms
// as ForEachWhitespaceTerm(): the values and column order of scikit-learn's
// TfidfVectorizer(token_pattern=r"\S+", lowercase=False, <options>)
// .fit_transform(lines). Runs on `threads` threads (0 = all cores).
TfidfFit FitTransformLines(std::string_view text, const TfidfOptions& options, size_t threads);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_TFIDF_H_
