#include "topics/bow_readers.h"

#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::topics {
namespace {

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

absl::Status LineError(const std::string& path, size_t line, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(path, ":", line, ": ", ToAbsl(what)));
}

// Calls fn(line_number, line) for every line of `text`; stops on error.
template <typename Fn>
absl::Status ForEachLine(std::string_view text, Fn fn) {
  size_t line_number = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    WL_RETURN_IF_ERROR(fn(++line_number, TrimRight(line)));
  }
  return absl::OkStatus();
}

// Appends `count` copies of `id` to `doc`, bounding the count.
absl::Status AddCount(const std::string& path, size_t line, int64_t id, int64_t count,
                      int64_t vocab_size, std::vector<int32_t>* doc) {
  if (id < 0 || id >= vocab_size) {
    return LineError(path, line, absl::StrCat("term id ", id, " outside vocabulary of ", vocab_size));
  }
  if (count < 0 || count > 10000000) {
    return LineError(path, line, absl::StrCat("bad count ", count));
  }
  doc->insert(doc->end(), static_cast<size_t>(count), static_cast<int32_t>(id));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<nlp::Vocabulary> ReadTermList(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  nlp::Vocabulary vocab;
  WL_RETURN_IF_ERROR(ForEachLine(file->view(), [&](size_t n, std::string_view line) -> absl::Status {
    if (line.empty()) return LineError(path, n, "empty term");
    if (vocab.Find(line) != nlp::Vocabulary::kNotFound) {
      return LineError(path, n, absl::StrCat("duplicate term '", ToAbsl(line), "'"));
    }
    vocab.Add(line, 0);
    return absl::OkStatus();
  }));
  return vocab;
}

absl::StatusOr<Corpus> ReadLdaC(const std::string& data_path, const std::string& vocab_path) {
  Corpus corpus;
  WL_ASSIGN_OR_RETURN(corpus.vocab, ReadTermList(vocab_path));
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(data_path));
  const int64_t v = static_cast<int64_t>(corpus.vocab.size());
  WL_RETURN_IF_ERROR(ForEachLine(file->view(), [&](size_t n, std::string_view line) -> absl::Status {
    if (line.empty()) return absl::OkStatus();
    std::vector<absl::string_view> fields =
        absl::StrSplit(ToAbsl(line), absl::ByAnyChar(" \t"), absl::SkipEmpty());
    int64_t m = 0;
    if (!absl::SimpleAtoi(fields[0], &m) || m != static_cast<int64_t>(fields.size()) - 1) {
      return LineError(data_path, n, "expected 'M id:count ...' with M pairs");
    }
    std::vector<int32_t> doc;
    for (size_t i = 1; i < fields.size(); ++i) {
      const size_t colon = fields[i].find(':');
      int64_t id = 0, count = 0;
      if (colon == absl::string_view::npos || !absl::SimpleAtoi(fields[i].substr(0, colon), &id) ||
          !absl::SimpleAtoi(fields[i].substr(colon + 1), &count)) {
        return LineError(data_path, n, absl::StrCat("bad pair '", fields[i], "'"));
      }
      WL_RETURN_IF_ERROR(AddCount(data_path, n, id, count, v, &doc));
    }
    corpus.names.push_back(absl::StrCat(data_path, ":", n));
    corpus.docs.push_back(std::move(doc));
    return absl::OkStatus();
  }));
  for (const auto& doc : corpus.docs) {
    for (int32_t id : doc) corpus.vocab.Add(corpus.vocab.Term(id));
    corpus.vocab.AddDocument(doc);
  }
  return corpus;
}

absl::StatusOr<Corpus> ReadUciBagOfWords(const std::string& docword_path,
                                         const std::string& vocab_path) {
  Corpus corpus;
  WL_ASSIGN_OR_RETURN(corpus.vocab, ReadTermList(vocab_path));
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(docword_path));
  const int64_t v = static_cast<int64_t>(corpus.vocab.size());
  int64_t header[3] = {0, 0, 0};
  WL_RETURN_IF_ERROR(ForEachLine(file->view(), [&](size_t n, std::string_view line) -> absl::Status {
    if (n <= 3) {
      if (!absl::SimpleAtoi(ToAbsl(line), &header[n - 1]) || header[n - 1] < 0) {
        return LineError(docword_path, n, "expected the D, W, NNZ header lines");
      }
      if (n == 2 && header[1] != v) {
        return LineError(docword_path, n,
                         absl::StrCat("W = ", header[1], " but ", vocab_path, " has ", v, " terms"));
      }
      if (n == 3) corpus.docs.resize(header[0]);
      return absl::OkStatus();
    }
    if (line.empty()) return absl::OkStatus();
    std::vector<absl::string_view> f = absl::StrSplit(ToAbsl(line), ' ', absl::SkipEmpty());
    int64_t doc = 0, word = 0, count = 0;
    if (f.size() != 3 || !absl::SimpleAtoi(f[0], &doc) || !absl::SimpleAtoi(f[1], &word) ||
        !absl::SimpleAtoi(f[2], &count)) {
      return LineError(docword_path, n, "expected 'docID wordID count'");
    }
    if (doc < 1 || doc > header[0]) {
      return LineError(docword_path, n, absl::StrCat("docID ", doc, " outside 1..", header[0]));
    }
    return AddCount(docword_path, n, word - 1, count, v, &corpus.docs[doc - 1]);
  }));
  for (size_t d = 0; d < corpus.docs.size(); ++d) {
    corpus.names.push_back(absl::StrCat(d + 1));
    for (int32_t id : corpus.docs[d]) corpus.vocab.Add(corpus.vocab.Term(id));
    corpus.vocab.AddDocument(corpus.docs[d]);
  }
  return corpus;
}

}  // namespace wordloom::topics
