// CSV / TSV (RFC 4180): records may span lines inside quoted fields; "" is
// an escaped quote. A record whose quote never closes (by the end of the
// input or within max_document_bytes) is reported, and parsing resumes at
// the line after the record's first line, so later good records survive.
#include <deque>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "corpora/parsers.h"

namespace wordloom::corpora {

bool SplitCsvRecord(std::string_view record, char delimiter, std::vector<std::string>* fields) {
  fields->clear();
  std::string field;
  size_t i = 0;
  const size_t n = record.size();
  while (true) {
    field.clear();
    if (i < n && record[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (record[i] == '"') {
          if (i + 1 < n && record[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field.push_back(record[i++]);
      }
      if (!closed) return false;
      // Lenient: text between the closing quote and the delimiter is kept.
      while (i < n && record[i] != delimiter) field.push_back(record[i++]);
    } else {
      while (i < n && record[i] != delimiter) field.push_back(record[i++]);
    }
    fields->push_back(field);
    if (i >= n) return true;
    ++i;  // delimiter
  }
}

namespace {

class CsvParser : public ContentParser {
 public:
  CsvParser(std::unique_ptr<LineInput> input, std::string name, char delimiter,
            const ReaderOptions& options, DocumentReader* reporter)
      : input_(std::move(input)), name_(std::move(name)), delimiter_(delimiter),
        options_(options), reporter_(reporter) {}

  absl::StatusOr<std::optional<Document>> Next() override {
    std::vector<std::string> fields;
    while (true) {
      uint64_t line = 0;
      WL_ASSIGN_OR_RETURN(bool got, ReadRecord(&fields, &line));
      if (!got) return std::nullopt;
      if (line == 0) continue;  // a bad record, reported
      if (!header_done_) {
        WL_RETURN_IF_ERROR(ResolveColumns(fields));
        if (options_.csv_header) continue;
      }
      const std::string where = absl::StrCat(name_, ":", line);
      if (text_column_ >= fields.size()) {
        WL_RETURN_IF_ERROR(reporter_->Report(
            options_, where,
            absl::InvalidArgumentError(absl::StrCat(where, ": record has ", fields.size(),
                                                    " fields, no text column ", text_column_ + 1))));
        continue;
      }
      if (options_.skip_empty && IsBlank(fields[text_column_])) continue;
      Document doc;
      doc.text = std::move(fields[text_column_]);
      doc.source = where;
      doc.id = id_column_ < fields.size() ? fields[id_column_] : where;
      for (size_t c = 0; c < fields.size() && c < names_.size(); ++c) {
        if (c != text_column_ && c != id_column_) doc.metadata.emplace_back(names_[c], fields[c]);
      }
      return doc;
    }
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // Column index by header name or by number.
  absl::StatusOr<size_t> Column(const std::vector<std::string>& header, const std::string& spec,
                                bool required) {
    if (spec.empty()) return kNone;
    for (size_t c = 0; options_.csv_header && c < header.size(); ++c) {
      if (header[c] == spec) return c;
    }
    size_t index = 0;
    if (absl::SimpleAtoi(ToAbsl(spec), &index)) return index;
    if (!required) return kNone;
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ": no column \"", spec, "\" in the header"));
  }

  absl::Status ResolveColumns(const std::vector<std::string>& first) {
    header_done_ = true;
    if (options_.csv_header) names_ = first;
    WL_ASSIGN_OR_RETURN(text_column_, Column(first, options_.csv_text_column, true));
    WL_ASSIGN_OR_RETURN(id_column_, Column(first, options_.csv_id_column, false));
    return absl::OkStatus();
  }

  // Reads one record into `fields`; `*line` is its first line, or 0 when
  // the record was bad and has been reported. False at the end.
  absl::StatusOr<bool> ReadRecord(std::vector<std::string>* fields, uint64_t* line) {
    std::deque<std::string> lines;
    std::string record, text;
    bool too_long = false;
    WL_ASSIGN_OR_RETURN(bool got, input_->ReadLine(&text, options_.max_document_bytes, &too_long));
    if (!got) return false;
    *line = input_->line_number();
    while (true) {
      if (!lines.empty()) record.push_back('\n');
      record.append(text);
      lines.push_back(std::move(text));
      if (!too_long && SplitCsvRecord(record, delimiter_, fields)) return true;
      bool more = false;
      if (!too_long && record.size() <= options_.max_document_bytes) {
        WL_ASSIGN_OR_RETURN(more, input_->ReadLine(&text, options_.max_document_bytes, &too_long));
      }
      if (!more || too_long || record.size() > options_.max_document_bytes) break;
    }
    const std::string where = absl::StrCat(name_, ":", *line);
    absl::Status error =
        too_long || record.size() > options_.max_document_bytes
            ? absl::ResourceExhaustedError(absl::StrCat(where, ": record larger than the limit of ",
                                                        options_.max_document_bytes, " bytes"))
            : absl::InvalidArgumentError(absl::StrCat(where, ": unclosed quote"));
    WL_RETURN_IF_ERROR(reporter_->Report(options_, where, std::move(error)));
    // Start again just after the bad record's first line.
    lines.pop_front();
    const uint64_t next = *line + 1;
    if (!lines.empty()) input_->PushBack(std::move(lines), next);
    *line = 0;
    return true;
  }

  std::unique_ptr<LineInput> input_;
  std::string name_;
  char delimiter_;
  const ReaderOptions& options_;
  DocumentReader* reporter_;
  bool header_done_ = false;
  std::vector<std::string> names_;
  size_t text_column_ = 0;
  size_t id_column_ = kNone;
};

}  // namespace

std::unique_ptr<ContentParser> MakeCsvParser(std::unique_ptr<LineInput> input, std::string name,
                                             char delimiter, const ReaderOptions& options,
                                             DocumentReader* reporter) {
  return std::make_unique<CsvParser>(std::move(input), std::move(name), delimiter, options,
                                     reporter);
}

}  // namespace wordloom::corpora
