#include "embeddings/fasttext_format/vec_format.h"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "core/atomic_file.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::embeddings::fasttext {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Splits `line` at runs of spaces/tabs into at most `max_fields` + 1 fields
// (the extra one signals "too many").
size_t SplitFields(std::string_view line, std::vector<std::string_view>* fields,
                   size_t max_fields) {
  fields->clear();
  size_t i = 0;
  while (i < line.size() && fields->size() <= max_fields) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    size_t start = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    if (i > start) fields->push_back(line.substr(start, i - start));
  }
  return fields->size();
}

absl::Status LineError(const std::string& name, size_t line, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(name, ":", line, ": ", ToAbsl(message)));
}

absl::StatusOr<std::pair<size_t, size_t>> ParseHeader(std::string_view line,
                                                      const std::string& name) {
  std::vector<std::string_view> f;
  SplitFields(line, &f, 2);
  size_t count = 0, dim = 0;
  if (f.size() != 2 || !absl::SimpleAtoi(ToAbsl(f[0]), &count) ||
      !absl::SimpleAtoi(ToAbsl(f[1]), &dim)) {
    return LineError(name, 1, "bad .vec header: expected \"<word count> <dimension>\"");
  }
  if (dim == 0 || dim > (1u << 16)) {
    return LineError(name, 1, absl::StrCat("bad .vec dimension ", dim));
  }
  return std::make_pair(count, dim);
}

}  // namespace

absl::StatusOr<VecFile> ReadVec(const std::string& path, ProgressReporter* progress) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  file->AdviseSequential();
  return ParseVec(file->view(), path, progress);
}

absl::StatusOr<VecFile> ParseVec(std::string_view data, const std::string& name,
                                 ProgressReporter* progress) {
  constexpr size_t kProgressRows = 4096;
  size_t reported_pos = 0;
  size_t pos = 0, line_no = 0;
  auto next_line = [&](std::string_view* line) {
    if (pos >= data.size()) return false;
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    *line = data.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    return true;
  };
  std::string_view line;
  if (!next_line(&line)) return LineError(name, 1, "empty .vec file (no header)");
  WL_ASSIGN_OR_RETURN(auto shape, ParseHeader(line, name));
  const auto [count, dim] = shape;
  if (count > data.size()) return LineError(name, 1, "word count larger than the file");
  VecFile vec;
  vec.words.reserve(count);
  vec.vectors.Resize(count, dim);
  StringSet seen;
  std::vector<std::string_view> f;
  while (next_line(&line)) {
    if (SplitFields(line, &f, dim + 1) == 0) continue;  // blank line
    size_t row = vec.words.size();
    if (row >= count) {
      return LineError(name, line_no, absl::StrCat("more rows than the header's ", count));
    }
    if (f.size() != dim + 1) {
      return LineError(name, line_no, absl::StrCat("expected a word and ", dim, " values, got ",
                                                   f.size() > dim + 1 ? "more" : absl::StrCat(
                                                       f.size() - 1), " values"));
    }
    float* out = vec.vectors.Row(row);
    for (size_t j = 0; j < dim; ++j) {
      std::string_view s = f[j + 1];
      auto r = std::from_chars(s.data(), s.data() + s.size(), out[j]);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(out[j])) {
        return LineError(name, line_no, absl::StrCat("value ", j + 1, " \"", ToAbsl(s),
                                                     "\" is not a finite number"));
      }
    }
    if (!seen.emplace(f[0]).second) {
      return LineError(name, line_no, absl::StrCat("duplicate word \"", ToAbsl(f[0]), "\""));
    }
    vec.words.emplace_back(f[0]);
    if (progress != nullptr && vec.words.size() % kProgressRows == 0) {
      progress->Add(kProgressRows, std::min(pos, data.size()) - reported_pos);
      reported_pos = std::min(pos, data.size());
    }
  }
  if (progress != nullptr) progress->Add(vec.words.size() % kProgressRows, data.size() - reported_pos);
  if (vec.words.size() != count) {
    return LineError(name, line_no, absl::StrCat("header promises ", count, " rows, file has ",
                                                 vec.words.size()));
  }
  return vec;
}

absl::Status WriteVec(const std::string& path, const std::vector<std::string>& words,
                      const linalg::DenseMatrix& vectors) {
  if (words.size() != vectors.rows()) {
    return absl::InvalidArgumentError(absl::StrCat("WriteVec ", path, ": ", words.size(),
                                                   " words but ", vectors.rows(), " rows"));
  }
  WL_ASSIGN_OR_RETURN(auto out, AtomicFileWriter::Create(path));
  std::string buffer = absl::StrCat(words.size(), " ", vectors.cols(), "\n");
  char number[32];
  for (size_t i = 0; i < words.size(); ++i) {
    for (char c : words[i]) {
      if (IsSpace(c) || c == '\n') {
        return absl::InvalidArgumentError(
            absl::StrCat("WriteVec ", path, ": word ", i, " contains whitespace"));
      }
    }
    buffer += words[i];
    const float* v = vectors.Row(i);
    for (size_t j = 0; j < vectors.cols(); ++j) {
      int n = std::snprintf(number, sizeof(number), " %.6g", v[j]);
      buffer.append(number, n);
    }
    buffer.push_back('\n');
    if (buffer.size() > (1 << 20)) {
      WL_RETURN_IF_ERROR(out->Append(buffer));
      buffer.clear();
    }
  }
  WL_RETURN_IF_ERROR(out->Append(buffer));
  return out->Commit();
}

void AppendWordVectorLine(std::string_view word, const float* v, size_t dim, std::string* out) {
  out->append(word);
  out->push_back(' ');
  char number[32];
  for (size_t j = 0; j < dim; ++j) {
    int n = std::snprintf(number, sizeof(number), "%.5g ", v[j]);
    out->append(number, n);
  }
  out->push_back('\n');
}

}  // namespace wordloom::embeddings::fasttext
