// Streaming document readers behind one interface, with format detection.
//
// OpenReader() accepts a directory (walked recursively, in sorted order), a
// plain file, a compressed file (.gz, .zst, .bz2, .xz) or an archive (tar,
// tar.gz, tar.zst, zip, ... through libarchive, nested directories included)
// and yields Documents one at a time, holding at most one document (plus a
// small read buffer) in memory.
//
// How a file's content becomes documents is its *content format*:
//   kFile     one document per file (Comprehend ONE_DOC_PER_FILE)
//   kLines    one document per line (Comprehend ONE_DOC_PER_LINE)
//   kJsonl    one JSON object per line; text/id from configurable fields
//   kCsv/kTsv RFC 4180 records; text/id from configurable columns
//   kReuters  Reuters-21578 SGML (<REUTERS NEWID=..> .. </REUTERS>)
//   kAp       TREC/AP SGML (<DOC><DOCNO>..</DOCNO><TEXT>..</TEXT></DOC>)
// kAuto picks per file name: .jsonl/.ndjson -> kJsonl, .csv -> kCsv,
// .tsv -> kTsv, .sgm -> kReuters, ap.txt/.ap -> kAp; other files are kLines
// when given directly on the command line and kFile inside a directory or an
// archive. The container formats (kDir, kArchive) only assert what the input
// is; its files are then read with kAuto.
//
// Bad documents (invalid JSON, an unclosed CSV quote, a document over
// max_document_bytes, a truncated or corrupt archive member) are reported
// with file, member and line: under ErrorPolicy::kSkip the reader records
// the error (errors(), skipped()) and continues with the next document it
// can reach; under kFail Next() returns the error. A truncated archive or
// corrupt compressed stream cannot be read past: the rest of that input is
// lost (reported once), later inputs are still read.
//
// Readers are not thread-safe; use one per thread.
//
//   WL_ASSIGN_OR_RETURN(auto reader, corpora::OpenReader(path, {}));
//   while (true) {
//     WL_ASSIGN_OR_RETURN(std::optional<corpora::Document> doc, reader->Next());
//     if (!doc) break;
//     Use(*doc);
//   }
#ifndef WORDLOOM_CORPORA_READER_H_
#define WORDLOOM_CORPORA_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "corpora/document.h"

namespace wordloom::corpora {

enum class Format { kAuto, kDir, kArchive, kFile, kLines, kJsonl, kCsv, kTsv, kReuters, kAp };

// Parses "auto", "dir", "tar", "zip", "archive", "file", "lines", "jsonl",
// "csv", "tsv", "reuters", "ap"; InvalidArgument otherwise.
absl::StatusOr<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);

enum class ErrorPolicy { kSkip, kFail };

struct ReaderOptions {
  // Content format (see above); kAuto detects per file.
  Format format = Format::kAuto;
  // JSONL: field holding the text, and the id field (absent -> "file:line").
  std::string json_text_field = "text";
  std::string json_id_field = "id";
  // CSV/TSV: the text and id columns, by header name, or by 0-based index
  // when they parse as a number. Empty id column -> "file:record".
  std::string csv_text_column = "text";
  std::string csv_id_column = "id";
  // CSV/TSV: whether the first record is a header.
  bool csv_header = true;
  // Documents larger than this are bad documents (ResourceExhausted).
  size_t max_document_bytes = 64 << 20;
  // Skip bad documents (and count them) or stop at the first one.
  ErrorPolicy on_error = ErrorPolicy::kSkip;
  // Skip empty documents (whitespace only) silently.
  bool skip_empty = true;
  // Errors kept in errors() (the count in skipped() is always exact).
  size_t max_recorded_errors = 1000;
};

// One bad document, as reported.
struct ReadError {
  std::string source;  // "file:line", "archive!member", ...
  absl::Status status;
};

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;

  // The next document; std::nullopt at the end. Errors: under kFail the
  // first bad document's error (InvalidArgument / ResourceExhausted /
  // DataLoss naming the source); under both policies, a missing or
  // unreadable input (NotFound, PermissionDenied).
  virtual absl::StatusOr<std::optional<Document>> Next() = 0;

  // Bad documents skipped so far (kSkip) and the first of their errors.
  virtual uint64_t skipped() const { return skipped_; }
  virtual std::vector<ReadError> errors() const { return errors_; }
  // Input bytes consumed so far (compressed bytes for compressed inputs)
  // and the total when known (0 when not), for progress and ETA.
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t total_bytes() const = 0;

  // Records a bad document under `options.on_error`: returns OK (skip) or
  // the status to fail with. For reader implementations.
  absl::Status Report(const ReaderOptions& options, std::string source, absl::Status status);

 private:
  uint64_t skipped_ = 0;
  std::vector<ReadError> errors_;
};

// Opens `path` (file, directory, archive or "-" for stdin).
// NotFound / PermissionDenied when it cannot be opened.
absl::StatusOr<std::unique_ptr<DocumentReader>> OpenReader(const std::string& path,
                                                           const ReaderOptions& options);

// Reads several inputs one after the other as one stream.
absl::StatusOr<std::unique_ptr<DocumentReader>> OpenReaders(const std::vector<std::string>& paths,
                                                            const ReaderOptions& options);

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_READER_H_
