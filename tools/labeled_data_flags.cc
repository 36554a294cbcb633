#include "tools/labeled_data_flags.h"

#include "core/status_macros.h"

namespace wordloom::tools {

namespace cls = embeddings::classifier;

void AddLabeledDataOptions(CLI::App* command, LabeledDataFlags* flags,
                           const std::string& format_help) {
  command->add_option("--format", flags->format, format_help)->capture_default_str();
  command->add_option("--label-delimiter", flags->label_delimiter,
                      "Separator of several labels in the comprehend format")
      ->capture_default_str();
}

absl::StatusOr<cls::LabeledDataOptions> ToLabeledDataOptions(const LabeledDataFlags& flags) {
  cls::LabeledDataOptions options;
  WL_ASSIGN_OR_RETURN(options.format, cls::ParseInputFormat(flags.format));
  if (flags.label_delimiter.size() != 1) {
    return absl::InvalidArgumentError("--label-delimiter must be one character");
  }
  options.label_delimiter = flags.label_delimiter[0];
  return options;
}

}  // namespace wordloom::tools
