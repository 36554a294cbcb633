// A vocabulary: dense term ids with term counts and document frequencies,
// the one mapping from normalized tokens to ids that every model uses.
//
// Thread-compatible: const methods may run concurrently; Add, Merge and
// Prune need exclusive access. Build one per thread and Merge() them when
// counting in parallel.
//
//   Vocabulary vocab;
//   for (token in doc) ids.push_back(vocab.Add(doc.Normalized(token)));
//   vocab.AddDocument(ids);
//   auto remap = vocab.Prune({.min_count = 5});
#ifndef WORDLOOM_NLP_TEXT_VOCABULARY_H_
#define WORDLOOM_NLP_TEXT_VOCABULARY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/strings.h"

namespace wordloom::nlp {

struct VocabularyPruneOptions {
  // Drop terms seen fewer than this many times in all.
  int64_t min_count = 1;
  // Drop terms in more than this fraction of documents (1.0 keeps all).
  double max_document_fraction = 1.0;
  // Keep at most this many terms, the most frequent (0 = no limit).
  size_t max_size = 0;
};

class Vocabulary {
 public:
  static constexpr int32_t kNotFound = -1;

  // Adds `count` occurrences of `term`, creating it if new; returns its id.
  int32_t Add(std::string_view term, int64_t count = 1);
  // Counts one document holding the terms `ids` (duplicates allowed): each
  // distinct id's document frequency goes up by one.
  void AddDocument(const std::vector<int32_t>& ids);
  // Adds every term, count and document frequency of `other` (ids differ).
  void Merge(const Vocabulary& other);

  // The id of `term`, or kNotFound.
  int32_t Find(std::string_view term) const;
  const std::string& Term(int32_t id) const { return terms_[id]; }
  int64_t Count(int32_t id) const { return counts_[id]; }
  int64_t DocumentFrequency(int32_t id) const { return document_frequencies_[id]; }
  size_t size() const { return terms_.size(); }
  int64_t total_count() const { return total_count_; }
  int64_t num_documents() const { return num_documents_; }

  // Removes terms by the options and renumbers the rest by descending count
  // (ties by term bytes), so id order is frequency order. Returns old id ->
  // new id (kNotFound for removed terms).
  std::vector<int32_t> Prune(const VocabularyPruneOptions& options);

  // Text form: a header line "#wordloom-vocab v1 <num_documents>", then one
  // "term\tcount\tdocument_frequency" line per id in id order.
  std::string Serialize() const;
  // Parses Serialize()'s output; InvalidArgument naming `source` and the
  // line for malformed input.
  static absl::StatusOr<Vocabulary> Parse(std::string_view data, std::string_view source);

 private:
  StringMap<int32_t> ids_;
  std::vector<std::string> terms_;
  std::vector<int64_t> counts_;
  std::vector<int64_t> document_frequencies_;
  std::vector<int64_t> last_document_;  // per id: last AddDocument() that counted it
  int64_t total_count_ = 0;
  int64_t num_documents_ = 0;
};

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_VOCABULARY_H_
