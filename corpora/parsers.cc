// One-document-per-file, per-line and JSON Lines parsers, and the choice of
// content format by file name.
#include "corpora/parsers.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlohmann/json.hpp"

namespace wordloom::corpora {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return absl::EndsWithIgnoreCase(ToAbsl(s), ToAbsl(suffix));
}

std::string_view BaseName(std::string_view name) {
  size_t slash = name.find_last_of("/!");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// The whole input is one document.
class FileParser : public ContentParser {
 public:
  FileParser(std::unique_ptr<LineInput> input, std::string name, const ReaderOptions& options,
             DocumentReader* reporter)
      : input_(std::move(input)), name_(std::move(name)), options_(options), reporter_(reporter) {}

  absl::StatusOr<std::optional<Document>> Next() override {
    if (done_) return std::nullopt;
    done_ = true;
    Document doc;
    bool too_long = false;
    WL_RETURN_IF_ERROR(input_->ReadAll(&doc.text, options_.max_document_bytes, &too_long));
    if (too_long) {
      WL_RETURN_IF_ERROR(reporter_->Report(
          options_, name_,
          absl::ResourceExhaustedError(absl::StrCat(name_, ": document larger than the limit of ",
                                                    options_.max_document_bytes, " bytes"))));
      return std::nullopt;
    }
    if (options_.skip_empty && IsBlank(doc.text)) return std::nullopt;
    doc.id = name_;
    doc.source = name_;
    return doc;
  }

 private:
  std::unique_ptr<LineInput> input_;
  std::string name_;
  const ReaderOptions& options_;
  DocumentReader* reporter_;
  bool done_ = false;
};

// Shared by the line-oriented parsers: reads lines and handles over-long
// ones. Subclasses turn a line into a document (or a reported error).
class LineParser : public ContentParser {
 public:
  LineParser(std::unique_ptr<LineInput> input, std::string name, const ReaderOptions& options,
             DocumentReader* reporter)
      : options_(options), input_(std::move(input)), name_(std::move(name)), reporter_(reporter) {}

  absl::StatusOr<std::optional<Document>> Next() override {
    std::string line;
    while (true) {
      bool too_long = false;
      WL_ASSIGN_OR_RETURN(bool got, input_->ReadLine(&line, options_.max_document_bytes, &too_long));
      if (!got) return std::nullopt;
      const std::string where = absl::StrCat(name_, ":", input_->line_number());
      if (too_long) {
        WL_RETURN_IF_ERROR(reporter_->Report(
            options_, where,
            absl::ResourceExhaustedError(absl::StrCat(where, ": document larger than the limit of ",
                                                      options_.max_document_bytes, " bytes"))));
        continue;
      }
      if (IsBlank(line) && options_.skip_empty) continue;
      Document doc;
      absl::Status s = Convert(std::move(line), where, &doc);
      if (!s.ok()) {
        WL_RETURN_IF_ERROR(reporter_->Report(options_, where, std::move(s)));
        continue;
      }
      if (options_.skip_empty && IsBlank(doc.text)) continue;
      return doc;
    }
  }

 protected:
  virtual absl::Status Convert(std::string line, const std::string& where, Document* doc) = 0;
  const ReaderOptions& options_;

 private:
  std::unique_ptr<LineInput> input_;
  std::string name_;
  DocumentReader* reporter_;
};

class PlainLineParser : public LineParser {
 public:
  using LineParser::LineParser;

 protected:
  absl::Status Convert(std::string line, const std::string& where, Document* doc) override {
    doc->text = std::move(line);
    doc->id = where;
    doc->source = where;
    return absl::OkStatus();
  }
};

std::string JsonScalar(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class JsonlParser : public LineParser {
 public:
  using LineParser::LineParser;

 protected:
  absl::Status Convert(std::string line, const std::string& where, Document* doc) override {
    nlohmann::json value = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return absl::InvalidArgumentError(absl::StrCat(where, ": not valid JSON"));
    if (!value.is_object()) return absl::InvalidArgumentError(absl::StrCat(where, ": not a JSON object"));
    auto text = value.find(options_.json_text_field);
    if (text == value.end() || !text->is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": no string field \"", options_.json_text_field, "\""));
    }
    doc->text = text->get<std::string>();
    auto id = value.find(options_.json_id_field);
    doc->id = (id != value.end() && !id->is_null()) ? JsonScalar(*id) : where;
    doc->source = where;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.key() == options_.json_text_field || it.key() == options_.json_id_field) continue;
      if (it->is_primitive() && !it->is_null()) doc->metadata.emplace_back(it.key(), JsonScalar(*it));
    }
    return absl::OkStatus();
  }
};

}  // namespace

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

Format ContentFormatFor(std::string_view name, Format requested, bool top_level) {
  if (requested != Format::kAuto && requested != Format::kDir && requested != Format::kArchive) {
    return requested;
  }
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson")) return Format::kJsonl;
  if (EndsWith(name, ".csv")) return Format::kCsv;
  if (EndsWith(name, ".tsv")) return Format::kTsv;
  if (EndsWith(name, ".sgm") || EndsWith(name, ".sgml")) return Format::kReuters;
  std::string_view base = BaseName(name);
  if (base == "ap.txt" || EndsWith(name, ".ap")) return Format::kAp;
  return top_level ? Format::kLines : Format::kFile;
}

std::unique_ptr<ContentParser> MakeParser(Format format, std::unique_ptr<LineInput> input,
                                          std::string name, const ReaderOptions& options,
                                          DocumentReader* reporter) {
  switch (format) {
    case Format::kFile:
      return std::make_unique<FileParser>(std::move(input), std::move(name), options, reporter);
    case Format::kJsonl:
      return std::make_unique<JsonlParser>(std::move(input), std::move(name), options, reporter);
    case Format::kCsv:
      return MakeCsvParser(std::move(input), std::move(name), ',', options, reporter);
    case Format::kTsv:
      return MakeCsvParser(std::move(input), std::move(name), '\t', options, reporter);
    case Format::kReuters:
    case Format::kAp:
      return MakeSgmlParser(format, std::move(input), std::move(name), options, reporter);
    default:
      return std::make_unique<PlainLineParser>(std::move(input), std::move(name), options, reporter);
  }
}

}  // namespace wordloom::corpora
