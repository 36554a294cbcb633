// TF-IDF output for `wordloom tfidf`: per document a line
// `DOC_ID term:weight ...` (the top K terms by weight), a long TSV
// (`doc_id\tterm\tweight` per non-zero) and Matrix Market coordinate files
// (FILE plus FILE.rows = document ids and FILE.cols = terms, one per line,
// in row / column order) for downstream tools such as scipy.io.mmread.
// Weights are printed in the shortest form that reads back to the same
// double.
//
// TfidfExporter is single-threaded.
#ifndef WORDLOOM_CORPORA_TFIDF_EXPORT_H_
#define WORDLOOM_CORPORA_TFIDF_EXPORT_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "corpora/store.h"
#include "nlp/text/tfidf.h"

namespace wordloom::corpora {

struct TfidfExportOptions {
  // Where the `DOC_ID term:weight ...` lines go: "-" = stdout, "" = none.
  std::string rows_path = "-";
  // Terms per line, highest weight first (ties by term); 0 = all.
  size_t top_k = 10;
  // Long TSV of every non-zero ("" = none, "-" = stdout).
  std::string tsv_path;
  // Matrix Market file ("" = none); FILE.rows and FILE.cols beside it.
  std::string mtx_path;
};

class TfidfExporter {
 public:
  // Opens the outputs. `rows`, `cols`, `nonzeros` size the Matrix Market
  // header (only needed when mtx_path is set). NotFound/PermissionDenied.
  static absl::StatusOr<std::unique_ptr<TfidfExporter>> Create(const TfidfExportOptions& options,
                                                               uint64_t rows, uint64_t cols,
                                                               uint64_t nonzeros);
  ~TfidfExporter();

  // Writes one document's row (reorders `row`). `term(id)` names a column.
  absl::Status Add(std::string_view doc_id, std::vector<nlp::WeightedTerm>& row,
                   const std::function<std::string_view(int32_t)>& term);
  // Writes FILE.cols (terms of columns 0..cols-1) and flushes everything.
  absl::Status Finish(const std::function<std::string_view(int32_t)>& term);

 private:
  TfidfExporter() = default;
  absl::Status Open(const std::string& path, FILE** file);

  TfidfExportOptions options_;
  uint64_t cols_ = 0, row_index_ = 0;
  FILE* rows_ = nullptr;
  FILE* tsv_ = nullptr;
  FILE* mtx_ = nullptr;
  FILE* mtx_rows_ = nullptr;
  std::vector<FILE*> owned_;
  std::string line_;
};

// Weights every document of `store` with its vocabulary's document
// frequencies and exports it. Returns the number of documents.
absl::StatusOr<uint64_t> ExportStoreTfidf(const StoreReader& store, const nlp::TfidfOptions& weighting,
                                          const TfidfExportOptions& options);

// Exports FitTransformLines() output; documents are named by their 1-based
// line number.
absl::Status ExportFit(const nlp::TfidfFit& fit, const TfidfExportOptions& options);

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_TFIDF_EXPORT_H_
