#include "embeddings/classifier/labeled_data.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/text/fasttext_tokens.h"

namespace wordloom::embeddings::classifier {
namespace {

void SplitLabels(std::string_view field, char delimiter, std::vector<std::string>* labels) {
  size_t start = 0;
  while (start <= field.size()) {
    size_t end = field.find(delimiter, start);
    if (end == std::string_view::npos) end = field.size();
    std::string_view label = nlp::TrimFastTextSpace(field.substr(start, end - start));
    if (!label.empty()) labels->emplace_back(label);
    start = end + 1;
  }
}

// One fastText-format line -> example (labels may end up empty).
void ParseFastTextRecord(std::string_view line, const LabeledDataOptions& options,
                         LabeledExample* example) {
  SplitFastTextLine(line, options.label_prefix, &example->labels, &example->text);
}

absl::Status ParseDelimitedRecords(std::string_view contents, std::string_view name,
                                   const LabeledDataOptions& options, LabeledData* data) {
  const char separator = options.format == InputFormat::kTsv ? '\t' : ',';
  const bool multi = options.format == InputFormat::kComprehend;
  size_t pos = 0;
  uint64_t line = 1;
  std::vector<std::string> fields;
  while (pos < contents.size()) {
    uint64_t start_line = line;
    absl::Status status = ReadCsvRecord(contents, separator, &pos, &line, &fields);
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(ToAbsl(name), ":", start_line, ": ", status.message()));
    }
    if (fields.size() == 1 && nlp::TrimFastTextSpace(fields[0]).empty()) continue;  // blank line
    LabeledExample example;
    example.line = start_line;
    if (multi) {
      SplitLabels(fields[0], options.label_delimiter, &example.labels);
    } else if (!nlp::TrimFastTextSpace(fields[0]).empty()) {
      example.labels.emplace_back(nlp::TrimFastTextSpace(fields[0]));
    }
    for (size_t i = 1; i < fields.size(); ++i) {
      if (i > 1) example.text.push_back(separator);
      example.text += fields[i];
    }
    if (example.labels.empty()) {
      ++data->skipped_no_label;
      continue;
    }
    data->examples.push_back(std::move(example));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "fasttext") return InputFormat::kFastText;
  if (name == "csv") return InputFormat::kCsv;
  if (name == "tsv") return InputFormat::kTsv;
  if (name == "comprehend") return InputFormat::kComprehend;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown input format '", ToAbsl(name), "' (expected fasttext, csv, tsv or comprehend)"));
}

void SplitFastTextLine(std::string_view line, std::string_view label_prefix,
                       std::vector<std::string>* labels, std::string* text) {
  labels->clear();
  text->clear();
  // Appends the text between two labels (or after the last one), joined to
  // what came before by one space.
  auto append = [text](std::string_view span, bool last) {
    while (!span.empty() && nlp::IsFastTextSpace(span.front())) span.remove_prefix(1);
    if (!last) span = nlp::TrimFastTextSpace(span);
    if (nlp::TrimFastTextSpace(span).empty()) return;
    if (!text->empty()) text->push_back(' ');
    text->append(span);
  };
  size_t pos = 0, kept = 0;  // kept: start of the text not yet appended
  for (std::string_view token = nlp::NextFastTextToken(line, &pos); !token.empty();
       token = nlp::NextFastTextToken(line, &pos)) {
    if (token.substr(0, label_prefix.size()) != label_prefix) continue;
    if (token.size() > label_prefix.size()) labels->emplace_back(token.substr(label_prefix.size()));
    append(line.substr(kept, static_cast<size_t>(token.data() - line.data()) - kept), false);
    kept = pos;
  }
  append(line.substr(kept), true);
}

absl::Status ReadCsvRecord(std::string_view contents, char separator, size_t* pos,
                           uint64_t* lines, std::vector<std::string>* fields) {
  fields->clear();
  fields->emplace_back();
  size_t i = *pos;
  bool quoted = false;
  bool field_start = true;
  for (; i < contents.size(); ++i) {
    char c = contents[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < contents.size() && contents[i + 1] == '"') {
          fields->back().push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++*lines;
        fields->back().push_back(c);
      }
      continue;
    }
    if (c == '"' && field_start) {
      quoted = true;
      field_start = false;
    } else if (c == separator) {
      fields->emplace_back();
      field_start = true;
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields->back().push_back(c);
      field_start = false;
    }
  }
  if (quoted) return absl::InvalidArgumentError("unterminated quoted CSV field");
  if (i < contents.size()) ++*lines;
  *pos = i + 1;
  return absl::OkStatus();
}

absl::StatusOr<LabeledData> ParseLabeledData(std::string_view contents, std::string_view name,
                                             const LabeledDataOptions& options) {
  LabeledData data;
  if (options.format == InputFormat::kFastText) {
    uint64_t line_number = 0;
    size_t pos = 0;
    while (pos < contents.size()) {
      size_t end = contents.find('\n', pos);
      if (end == std::string_view::npos) end = contents.size();
      ++line_number;
      std::string_view line = contents.substr(pos, end - pos);
      pos = end + 1;
      if (nlp::TrimFastTextSpace(line).empty()) continue;
      LabeledExample example;
      example.line = line_number;
      ParseFastTextRecord(line, options, &example);
      if (example.labels.empty()) {
        ++data.skipped_no_label;
        continue;
      }
      data.examples.push_back(std::move(example));
    }
  } else {
    WL_RETURN_IF_ERROR(ParseDelimitedRecords(contents, name, options, &data));
  }
  if (data.examples.empty()) {
    if (contents.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(ToAbsl(name), ": empty input"));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(name), ": no labelled example (", data.skipped_no_label,
                     " non-blank records without a label)"));
  }
  return data;
}

absl::StatusOr<LabeledData> ReadLabeledFile(const std::string& path,
                                            const LabeledDataOptions& options) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  return ParseLabeledData(file->view(), path, options);
}

}  // namespace wordloom::embeddings::classifier
