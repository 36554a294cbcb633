// Labelled training/evaluation examples and the input formats they come in:
//   fastText   `__label__A __label__B some text`   (label tokens anywhere in
//              the line, as fastText's Dictionary::getLine)
//   csv        `label,text` (RFC 4180 quoting; extra columns join the text)
//   tsv        `label<TAB>text`
//   comprehend Comprehend custom-classifier CSV: `label,text`, multi-label
//              rows `A|B,text` with a configurable label delimiter.
// Labels are stored without the fastText prefix ("A", not "__label__A").
//
// Defined results for bad input (never a crash): a line with no label is
// skipped and counted; a line with labels but no text is kept (the model
// still sees the end-of-line token, as fastText does); an input with no
// usable example is InvalidArgument naming the file. Thread-compatible.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_LABELED_DATA_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_LABELED_DATA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wordloom::embeddings::classifier {

enum class InputFormat { kFastText, kCsv, kTsv, kComprehend };

// Parses "fasttext", "csv", "tsv", "comprehend". InvalidArgument otherwise.
absl::StatusOr<InputFormat> ParseInputFormat(std::string_view name);

struct LabeledDataOptions {
  InputFormat format = InputFormat::kFastText;
  // Prefix that marks a label token in fastText format.
  std::string label_prefix = "__label__";
  // Separates several labels inside the label column (comprehend only; csv
  // and tsv take the whole first column as one label).
  char label_delimiter = '|';
};

struct LabeledExample {
  std::vector<std::string> labels;
  std::string text;
  uint64_t line = 0;  // 1-based line where the record starts
};

struct LabeledData {
  std::vector<LabeledExample> examples;
  uint64_t skipped_no_label = 0;  // records without any label
};

// Splits fastText-format `line` into its labels (prefix stripped, in line
// order) and its text. As in fastText, every token that starts with
// `label_prefix` is a label wherever it stands, so `a __label__x b` has label
// "x" and text "a b" (word n-grams then span the removed label, as fastText's
// do). A bare `label_prefix` token is dropped from the text and adds no label
// (fastText would make an empty label of it). The text keeps its original
// bytes between labels; the pieces around a label are joined by one space.
void SplitFastTextLine(std::string_view line, std::string_view label_prefix,
                       std::vector<std::string>* labels, std::string* text);

// Parses a whole input buffer. `name` is used in error messages.
// Errors: InvalidArgument (unterminated CSV quote with its line, or no
// labelled example at all, including an empty input).
absl::StatusOr<LabeledData> ParseLabeledData(std::string_view contents, std::string_view name,
                                             const LabeledDataOptions& options);

// Reads and parses `path` (NotFound etc. from the file system).
absl::StatusOr<LabeledData> ReadLabeledFile(const std::string& path,
                                            const LabeledDataOptions& options);

// Splits one CSV record starting at `*pos` into fields (RFC 4180: quotes,
// doubled quotes, newlines inside quotes) and advances `*pos` past its line
// end. `*lines` is incremented by the newlines consumed. InvalidArgument on an
// unterminated quoted field.
absl::Status ReadCsvRecord(std::string_view contents, char separator, size_t* pos,
                           uint64_t* lines, std::vector<std::string>* fields);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_LABELED_DATA_H_
