#include "corpora/tfidf_export.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::corpora {
namespace {

void AppendDouble(double v, std::string* out) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, r.ptr);
}

absl::Status Put(FILE* f, const std::string& data, std::string_view what) {
  if (f != nullptr && std::fwrite(data.data(), 1, data.size(), f) != data.size()) {
    return ErrnoStatus("cannot write", std::string(what), errno);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status TfidfExporter::Open(const std::string& path, FILE** file) {
  if (path.empty()) return absl::OkStatus();
  if (path == "-") {
    *file = stdout;
    return absl::OkStatus();
  }
  *file = std::fopen(path.c_str(), "wb");
  if (*file == nullptr) return ErrnoStatus("cannot create", path, errno);
  owned_.push_back(*file);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<TfidfExporter>> TfidfExporter::Create(const TfidfExportOptions& options,
                                                                     uint64_t rows, uint64_t cols,
                                                                     uint64_t nonzeros) {
  auto e = std::unique_ptr<TfidfExporter>(new TfidfExporter());
  e->options_ = options;
  e->cols_ = cols;
  WL_RETURN_IF_ERROR(e->Open(options.rows_path, &e->rows_));
  WL_RETURN_IF_ERROR(e->Open(options.tsv_path, &e->tsv_));
  if (!options.mtx_path.empty()) {
    WL_RETURN_IF_ERROR(e->Open(options.mtx_path, &e->mtx_));
    WL_RETURN_IF_ERROR(e->Open(options.mtx_path + ".rows", &e->mtx_rows_));
    const std::string header = absl::StrCat(
        "%%MatrixMarket matrix coordinate real general\n% rows: documents (", options.mtx_path,
        ".rows), columns: terms (", options.mtx_path, ".cols), values: tf-idf\n", rows, " ",
        cols, " ", nonzeros, "\n");
    WL_RETURN_IF_ERROR(Put(e->mtx_, header, options.mtx_path));
  }
  return e;
}

TfidfExporter::~TfidfExporter() {
  for (FILE* f : owned_) std::fclose(f);
}

absl::Status TfidfExporter::Add(std::string_view doc_id, std::vector<nlp::WeightedTerm>& row,
                                const std::function<std::string_view(int32_t)>& term) {
  ++row_index_;
  if (mtx_ != nullptr) {
    line_.clear();
    for (const nlp::WeightedTerm& t : row) {
      absl::StrAppend(&line_, row_index_, " ", t.id + 1, " ");
      AppendDouble(t.weight, &line_);
      line_.push_back('\n');
    }
    WL_RETURN_IF_ERROR(Put(mtx_, line_, options_.mtx_path));
    WL_RETURN_IF_ERROR(Put(mtx_rows_, absl::StrCat(ToAbsl(doc_id), "\n"), options_.mtx_path));
  }
  if (tsv_ != nullptr) {
    line_.clear();
    for (const nlp::WeightedTerm& t : row) {
      absl::StrAppend(&line_, ToAbsl(doc_id), "\t", ToAbsl(term(t.id)), "\t");
      AppendDouble(t.weight, &line_);
      line_.push_back('\n');
    }
    WL_RETURN_IF_ERROR(Put(tsv_, line_, options_.tsv_path));
  }
  if (rows_ == nullptr) return absl::OkStatus();
  const size_t k = options_.top_k == 0 ? row.size() : std::min(options_.top_k, row.size());
  auto by_weight = [&](const nlp::WeightedTerm& a, const nlp::WeightedTerm& b) {
    return a.weight != b.weight ? a.weight > b.weight : term(a.id) < term(b.id);
  };
  std::partial_sort(row.begin(), row.begin() + k, row.end(), by_weight);
  line_.assign(doc_id);
  for (size_t i = 0; i < k; ++i) {
    absl::StrAppend(&line_, " ", ToAbsl(term(row[i].id)), ":");
    AppendDouble(row[i].weight, &line_);
  }
  line_.push_back('\n');
  return Put(rows_, line_, "stdout");
}

absl::Status TfidfExporter::Finish(const std::function<std::string_view(int32_t)>& term) {
  if (mtx_ != nullptr) {
    FILE* cols = nullptr;
    WL_RETURN_IF_ERROR(Open(options_.mtx_path + ".cols", &cols));
    std::string text;
    for (uint64_t c = 0; c < cols_; ++c) absl::StrAppend(&text, ToAbsl(term(static_cast<int32_t>(c))), "\n");
    WL_RETURN_IF_ERROR(Put(cols, text, options_.mtx_path + ".cols"));
  }
  for (FILE* f : {rows_, tsv_, mtx_, mtx_rows_}) {
    if (f != nullptr && std::fflush(f) != 0) return ErrnoStatus("cannot write", "output", errno);
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> ExportStoreTfidf(const StoreReader& store, const nlp::TfidfOptions& weighting,
                                          const TfidfExportOptions& options) {
  const nlp::Vocabulary& vocab = store.vocabulary();
  const nlp::TfidfWeights weights = nlp::TfidfWeights::FromVocabulary(vocab, weighting);
  uint64_t nonzeros = 0;
  std::vector<nlp::WeightedTerm> row;
  if (!options.mtx_path.empty()) {  // the header needs the count first
    auto cursor = store.Documents();
    while (true) {
      WL_ASSIGN_OR_RETURN(std::optional<StoredDocument> doc, cursor->Next());
      if (!doc) break;
      weights.Transform(doc->token_ids, &row);
      nonzeros += row.size();
    }
  }
  WL_ASSIGN_OR_RETURN(auto exporter,
                      TfidfExporter::Create(options, store.stats().documents, vocab.size(), nonzeros));
  auto term = [&](int32_t id) -> std::string_view { return vocab.Term(id); };
  auto cursor = store.Documents();
  uint64_t documents = 0;
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<StoredDocument> doc, cursor->Next());
    if (!doc) break;
    weights.Transform(doc->token_ids, &row);
    WL_RETURN_IF_ERROR(exporter->Add(doc->info.id, row, term));
    ++documents;
  }
  WL_RETURN_IF_ERROR(exporter->Finish(term));
  return documents;
}

absl::Status ExportFit(const nlp::TfidfFit& fit, const TfidfExportOptions& options) {
  const nlp::SparseRows& m = fit.matrix;
  WL_ASSIGN_OR_RETURN(auto exporter,
                      TfidfExporter::Create(options, m.rows(), fit.terms.size(), m.nonzeros()));
  auto term = [&](int32_t id) -> std::string_view { return fit.terms[id]; };
  std::vector<nlp::WeightedTerm> row;
  for (size_t r = 0; r < m.rows(); ++r) {
    row.clear();
    for (uint64_t e = m.row_begin[r]; e < m.row_begin[r + 1]; ++e) row.push_back({m.columns[e], m.values[e]});
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    WL_RETURN_IF_ERROR(exporter->Add(std::to_string(r + 1), row, term));
  }
  return exporter->Finish(term);
}

}  // namespace wordloom::corpora
