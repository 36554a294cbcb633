// Output helpers shared by the CLI commands: a buffered stdout writer and
// JSON string escaping for JSON Lines output.
#ifndef WORDLOOM_TOOLS_OUTPUT_H_
#define WORDLOOM_TOOLS_OUTPUT_H_

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace wordloom::tools {

// Appends `text` as a quoted JSON string (control characters escaped,
// UTF-8 passed through).
void AppendJsonString(std::string* out, std::string_view text);

// Writes `data` to `file`; Internal (naming `what`) when the write fails,
// e.g. a closed pipe or a full disk.
absl::Status WriteAll(FILE* file, std::string_view data, std::string_view what = "stdout");

// Input files from positional arguments: none means stdin ("-").
std::vector<std::string> InputsOrStdin(const std::vector<std::string>& files);

// Formats one batch of input lines into `out` (appending).
using BatchFormatter =
    std::function<absl::Status(const std::vector<std::string_view>& lines, std::string* out)>;
// Formats one input line into `out` (appending).
using LineFormatterFn = std::function<absl::Status(std::string_view line, std::string* out)>;

// Reads `files` (stdin when empty) in order, in batches of lines, calls
// `format` on each batch and writes what it appended to stdout before the
// next batch: output streams with bounded memory. Stops at the first error
// (a missing file, a failed write, or `format`'s own).
absl::Status FormatLineBatches(const std::vector<std::string>& files, const BatchFormatter& format);
// As FormatLineBatches, one line at a time.
absl::Status FormatLines(const std::vector<std::string>& files, const LineFormatterFn& format);

}  // namespace wordloom::tools

#endif  // WORDLOOM_TOOLS_OUTPUT_H_
