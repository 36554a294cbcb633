// The labelled-data options shared by the classifier commands that read
// training or test files (`train-classifier`, `test-classifier`,
// `quantize --retrain`): --format and --label-delimiter.
#ifndef WORDLOOM_TOOLS_LABELED_DATA_FLAGS_H_
#define WORDLOOM_TOOLS_LABELED_DATA_FLAGS_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "embeddings/classifier/labeled_data.h"

namespace wordloom::tools {

struct LabeledDataFlags {
  std::string format = "fasttext";
  std::string label_delimiter = "|";
};

// Adds --format and --label-delimiter to `command`; `format_help` describes
// --format (which file it applies to).
void AddLabeledDataOptions(CLI::App* command, LabeledDataFlags* flags,
                           const std::string& format_help);

// The reader options the flags name; InvalidArgument for an unknown format
// or a delimiter that is not one character.
absl::StatusOr<embeddings::classifier::LabeledDataOptions> ToLabeledDataOptions(
    const LabeledDataFlags& flags);

}  // namespace wordloom::tools

#endif  // WORDLOOM_TOOLS_LABELED_DATA_FLAGS_H_
