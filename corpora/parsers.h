// Content parsers: turn one file's (or archive member's) bytes into
// Documents per content format (see reader.h). Internal to corpora/.
//
// A parser reports bad documents to its DocumentReader (Report()), which
// decides skip or fail; it returns I/O errors of its input as they are.
// Not thread-safe.
#ifndef WORDLOOM_CORPORA_PARSERS_H_
#define WORDLOOM_CORPORA_PARSERS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "corpora/document.h"
#include "corpora/line_input.h"
#include "corpora/reader.h"

namespace wordloom::corpora {

class ContentParser {
 public:
  virtual ~ContentParser() = default;
  // The next document of this input, std::nullopt at its end.
  virtual absl::StatusOr<std::optional<Document>> Next() = 0;
};

// The content format for a file called `name` under `requested`:
// `requested` itself unless it is kAuto/kDir/kArchive, else by extension;
// `top_level` plain files default to kLines, others to kFile.
Format ContentFormatFor(std::string_view name, Format requested, bool top_level);

// A parser for `format` reading `input`, named `name` in ids and errors.
std::unique_ptr<ContentParser> MakeParser(Format format, std::unique_ptr<LineInput> input,
                                          std::string name, const ReaderOptions& options,
                                          DocumentReader* reporter);

// Parser factories per format (parsers.cc, csv_parser.cc, sgml_parser.cc).
std::unique_ptr<ContentParser> MakeCsvParser(std::unique_ptr<LineInput> input, std::string name,
                                             char delimiter, const ReaderOptions& options,
                                             DocumentReader* reporter);
std::unique_ptr<ContentParser> MakeSgmlParser(Format format, std::unique_ptr<LineInput> input,
                                              std::string name, const ReaderOptions& options,
                                              DocumentReader* reporter);

// Splits one CSV record (possibly several physical lines joined by "\n")
// into fields per RFC 4180. Returns false when a quoted field is unclosed.
bool SplitCsvRecord(std::string_view record, char delimiter, std::vector<std::string>* fields);

// True when `text` is empty or only ASCII whitespace.
bool IsBlank(std::string_view text);

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_PARSERS_H_
