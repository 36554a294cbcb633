// Shared driver of the line-oriented Detect* commands (`wordloom language`,
// `pii`, `entities`, `sentiment`): one JSON object out per input line, in
// input order, lines analyzed on a thread pool.
//
// A line the analyzer rejects as bad input (InvalidArgument: empty text,
// ill-formed UTF-8, over the size limit, unsupported language) still gets
// one output line, {"Error":{"Code":"...","Message":"..."}} (Comprehend's
// exception names), so outputs stay aligned with inputs; the message goes to
// stderr naming file, line and byte offset, and the command exits non-zero
// at the end. Any other error stops the command.
#ifndef WORDLOOM_TOOLS_ANALYZE_LINES_H_
#define WORDLOOM_TOOLS_ANALYZE_LINES_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace wordloom::tools {

// Appends the JSON response for `line` (without a newline) to `out`.
// Must be thread-safe.
using LineAnalyzer = std::function<absl::Status(std::string_view line, std::string* out)>;

// Runs `analyze` over every line of `files` (stdin when empty). Returns
// InvalidArgument after all input when some line was rejected.
absl::Status AnalyzeLines(const std::vector<std::string>& files, size_t threads,
                          const LineAnalyzer& analyze);

// Comprehend's exception name for a rejected input, from its status message
// ("TextSizeLimitExceededException", "UnsupportedLanguageException",
// otherwise "InvalidRequestException").
std::string_view ExceptionName(const absl::Status& status);

// Where a default model lives: $WORDLOOM_MODELS/<file>, else models/<file>
// (relative to the working directory, as scripts/train-default-models.sh
// writes them).
std::string DefaultModelPath(std::string_view file);

// NotFound for a missing default model, saying how to make one.
absl::Status CheckModelExists(const std::string& path);

}  // namespace wordloom::tools

#endif  // WORDLOOM_TOOLS_ANALYZE_LINES_H_
