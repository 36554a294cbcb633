// Output helpers shared by the CLI commands: a buffered stdout writer and
// JSON string escaping for JSON Lines output.
#ifndef WORDLOOM_TOOLS_OUTPUT_H_
#define WORDLOOM_TOOLS_OUTPUT_H_

#include <cstdio>
#include <string>
#include <string_view>

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

}  // namespace wordloom::tools

#endif  // WORDLOOM_TOOLS_OUTPUT_H_
