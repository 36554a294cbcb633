#include "nlp/text/vocabulary.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace wordloom::nlp {

int32_t Vocabulary::Add(std::string_view term, int64_t count) {
  auto [it, inserted] = ids_.try_emplace(term, static_cast<int32_t>(terms_.size()));
  if (inserted) {
    terms_.emplace_back(term);
    counts_.push_back(0);
    document_frequencies_.push_back(0);
    last_document_.push_back(-1);
  }
  counts_[it->second] += count;
  total_count_ += count;
  return it->second;
}

void Vocabulary::AddDocument(const std::vector<int32_t>& ids) {
  const int64_t doc = num_documents_++;
  for (int32_t id : ids) {
    if (last_document_[id] == doc) continue;
    last_document_[id] = doc;
    ++document_frequencies_[id];
  }
}

void Vocabulary::Merge(const Vocabulary& other) {
  for (size_t i = 0; i < other.size(); ++i) {
    int32_t id = Add(other.terms_[i], other.counts_[i]);
    document_frequencies_[id] += other.document_frequencies_[i];
  }
  num_documents_ += other.num_documents_;
}

int32_t Vocabulary::Find(std::string_view term) const {
  auto it = ids_.find(term);
  return it == ids_.end() ? kNotFound : it->second;
}

std::vector<int32_t> Vocabulary::Prune(const VocabularyPruneOptions& options) {
  const double max_df = options.max_document_fraction * static_cast<double>(num_documents_);
  std::vector<int32_t> kept;
  for (size_t id = 0; id < terms_.size(); ++id) {
    if (counts_[id] < options.min_count) continue;
    if (options.max_document_fraction < 1.0 &&
        static_cast<double>(document_frequencies_[id]) > max_df) {
      continue;
    }
    kept.push_back(static_cast<int32_t>(id));
  }
  std::sort(kept.begin(), kept.end(), [this](int32_t a, int32_t b) {
    return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : terms_[a] < terms_[b];
  });
  if (options.max_size > 0 && kept.size() > options.max_size) kept.resize(options.max_size);

  std::vector<int32_t> remap(terms_.size(), kNotFound);
  Vocabulary pruned;
  pruned.num_documents_ = num_documents_;
  for (int32_t old_id : kept) {
    int32_t id = pruned.Add(terms_[old_id], counts_[old_id]);
    pruned.document_frequencies_[id] = document_frequencies_[old_id];
    remap[old_id] = id;
  }
  *this = std::move(pruned);
  return remap;
}

std::string Vocabulary::Serialize() const {
  std::string out = absl::StrCat("#wordloom-vocab v1 ", num_documents_, "\n");
  for (size_t id = 0; id < terms_.size(); ++id) {
    absl::StrAppend(&out, terms_[id], "\t", counts_[id], "\t", document_frequencies_[id], "\n");
  }
  return out;
}

absl::StatusOr<Vocabulary> Vocabulary::Parse(std::string_view data, std::string_view source) {
  Vocabulary vocab;
  int64_t line_number = 0;
  for (absl::string_view line : absl::StrSplit(ToAbsl(data), '\n')) {
    ++line_number;
    auto error = [&](std::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(ToAbsl(source), ":", line_number, ": ", ToAbsl(what)));
    };
    if (line_number == 1) {
      std::vector<absl::string_view> header = absl::StrSplit(line, ' ');
      if (header.size() != 3 || header[0] != "#wordloom-vocab" || header[1] != "v1" ||
          !absl::SimpleAtoi(header[2], &vocab.num_documents_)) {
        return error("expected header '#wordloom-vocab v1 <num_documents>'");
      }
      continue;
    }
    if (line.empty()) continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    int64_t count = 0, df = 0;
    if (fields.size() != 3 || !absl::SimpleAtoi(fields[1], &count) ||
        !absl::SimpleAtoi(fields[2], &df) || count < 0 || df < 0) {
      return error("expected 'term<TAB>count<TAB>document_frequency'");
    }
    if (vocab.Find(ToStd(fields[0])) != kNotFound) return error(absl::StrCat("duplicate term '", fields[0], "'"));
    int32_t id = vocab.Add(ToStd(fields[0]), count);
    vocab.document_frequencies_[id] = df;
  }
  if (line_number == 0 || (line_number == 1 && data.empty())) {
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(source), ": empty vocabulary file"));
  }
  return vocab;
}

}  // namespace wordloom::nlp
