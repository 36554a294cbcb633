// Format adapters for SGML news corpora: Reuters-21578 (`reut2-*.sgm`,
// <REUTERS NEWID=..> blocks with TITLE / BODY / TOPICS ...) and the
// TREC/AP layout (<DOC><DOCNO>..</DOCNO><TEXT>..</TEXT></DOC>) of Blei's
// ap.txt. Blocks are read line by line up to max_document_bytes.
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "corpora/parsers.h"

namespace wordloom::corpora {
namespace {

// Text between the first <tag ...> and its </tag> in `block` ("" if absent).
std::string_view Element(std::string_view block, std::string_view tag, size_t from = 0) {
  const std::string open = absl::StrCat("<", ToAbsl(tag));
  size_t start = block.find(open, from);
  while (start != std::string_view::npos) {
    const char after = start + open.size() < block.size() ? block[start + open.size()] : '>';
    if (after == '>' || after == ' ') break;
    start = block.find(open, start + 1);
  }
  if (start == std::string_view::npos) return {};
  const size_t gt = block.find('>', start);
  if (gt == std::string_view::npos) return {};
  const size_t end = block.find(absl::StrCat("</", ToAbsl(tag), ">"), gt);
  if (end == std::string_view::npos) return block.substr(gt + 1);
  return block.substr(gt + 1, end - gt - 1);
}

// Value of attribute `name` in the opening tag at the start of `block`.
std::string_view Attribute(std::string_view block, std::string_view name) {
  const size_t gt = block.find('>');
  std::string_view tag = block.substr(0, gt);
  const std::string key = absl::StrCat(" ", ToAbsl(name), "=\"");
  size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  size_t end = tag.find('"', at);
  return tag.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

// Decodes the SGML entities used by these corpora and drops tags and
// control characters other than newline and tab.
std::string CleanText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '<') {
      size_t gt = in.find('>', i);
      if (gt != std::string_view::npos) {
        i = gt;
        continue;
      }
    }
    if (c == '&') {
      size_t semi = in.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        std::string_view name = in.substr(i + 1, semi - i - 1);
        int code = 0;
        char decoded = 0;
        if (name == "lt") decoded = '<';
        else if (name == "gt") decoded = '>';
        else if (name == "amp") decoded = '&';
        else if (name == "quot") decoded = '"';
        else if (!name.empty() && name[0] == '#' && absl::SimpleAtoi(ToAbsl(name.substr(1)), &code))
          decoded = code >= 32 && code < 127 ? static_cast<char>(code) : ' ';
        if (decoded != 0) {
          out.push_back(decoded);
          i = semi;
          continue;
        }
      }
    }
    if (static_cast<unsigned char>(c) < 32 && c != '\n' && c != '\t') {
      out.push_back(' ');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

// The <D> values of a Reuters category list, joined with ';'.
std::string DList(std::string_view list) {
  std::string out;
  size_t at = 0;
  while ((at = list.find("<D>", at)) != std::string_view::npos) {
    size_t end = list.find("</D>", at);
    if (end == std::string_view::npos) break;
    if (!out.empty()) out.push_back(';');
    out.append(list.substr(at + 3, end - at - 3));
    at = end;
  }
  return out;
}

class SgmlParser : public ContentParser {
 public:
  SgmlParser(Format format, std::unique_ptr<LineInput> input, std::string name,
             const ReaderOptions& options, DocumentReader* reporter)
      : reuters_(format == Format::kReuters), input_(std::move(input)), name_(std::move(name)),
        options_(options), reporter_(reporter),
        open_(reuters_ ? "<REUTERS" : "<DOC>"), close_(reuters_ ? "</REUTERS>" : "</DOC>") {}

  absl::StatusOr<std::optional<Document>> Next() override {
    std::string line, block;
    while (true) {
      bool too_long = false;
      WL_ASSIGN_OR_RETURN(bool got, input_->ReadLine(&line, options_.max_document_bytes, &too_long));
      if (!got) {
        if (start_line_ == 0) return std::nullopt;
        const std::string where = absl::StrCat(name_, ":", start_line_);
        start_line_ = 0;
        WL_RETURN_IF_ERROR(reporter_->Report(
            options_, where,
            absl::InvalidArgumentError(absl::StrCat(where, ": ", open_, " never closed"))));
        return std::nullopt;
      }
      if (start_line_ == 0) {
        size_t at = line.find(open_);
        if (at == std::string::npos) continue;
        start_line_ = input_->line_number();
        block.assign(line, at);
        oversize_ = too_long;
      } else {
        absl::StrAppend(&block, "\n", line);
        oversize_ = oversize_ || too_long || block.size() > options_.max_document_bytes;
        if (oversize_) block.clear();
      }
      if (line.find(close_) == std::string::npos) continue;
      const std::string where = absl::StrCat(name_, ":", start_line_);
      start_line_ = 0;
      if (oversize_) {
        WL_RETURN_IF_ERROR(reporter_->Report(
            options_, where,
            absl::ResourceExhaustedError(absl::StrCat(where, ": document larger than the limit of ",
                                                      options_.max_document_bytes, " bytes"))));
        continue;
      }
      Document doc = reuters_ ? Reuters(block, where) : Ap(block, where);
      if (options_.skip_empty && IsBlank(doc.text)) continue;
      return doc;
    }
  }

 private:
  Document Reuters(std::string_view block, const std::string& where) {
    Document doc;
    doc.source = where;
    doc.id = std::string(Attribute(block, "NEWID"));
    if (doc.id.empty()) doc.id = where;
    std::string_view text = Element(block, "TEXT");
    std::string_view title = Element(text, "TITLE");
    std::string_view body = Element(text, "BODY");
    if (title.empty() && body.empty()) {
      doc.text = CleanText(text);
    } else {
      doc.text = CleanText(title);
      if (!title.empty() && !body.empty()) doc.text.append("\n\n");
      doc.text.append(CleanText(body));
    }
    for (std::string_view attr : {"LEWISSPLIT", "CGISPLIT", "TOPICS", "OLDID"}) {
      std::string_view v = Attribute(block, attr);
      if (!v.empty()) doc.metadata.emplace_back(absl::AsciiStrToLower(ToAbsl(attr)), std::string(v));
    }
    for (std::string_view list : {"TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES"}) {
      size_t after_tag = block.find('>');
      std::string values = DList(Element(block, list, after_tag == std::string_view::npos ? 0 : after_tag));
      if (!values.empty()) {
        doc.metadata.emplace_back(absl::StrCat(absl::AsciiStrToLower(ToAbsl(list)), "_list"), values);
      }
    }
    return doc;
  }

  Document Ap(std::string_view block, const std::string& where) {
    Document doc;
    doc.source = where;
    std::string id = CleanText(Element(block, "DOCNO"));
    absl::string_view trimmed = absl::StripAsciiWhitespace(id);
    doc.id = trimmed.empty() ? where : std::string(trimmed);
    doc.text = CleanText(Element(block, "TEXT"));
    return doc;
  }

  const bool reuters_;
  std::unique_ptr<LineInput> input_;
  std::string name_;
  const ReaderOptions& options_;
  DocumentReader* reporter_;
  const std::string open_, close_;
  uint64_t start_line_ = 0;
  bool oversize_ = false;
};

}  // namespace

std::unique_ptr<ContentParser> MakeSgmlParser(Format format, std::unique_ptr<LineInput> input,
                                              std::string name, const ReaderOptions& options,
                                              DocumentReader* reporter) {
  return std::make_unique<SgmlParser>(format, std::move(input), std::move(name), options, reporter);
}

}  // namespace wordloom::corpora
