// A training corpus for word2vec: the text tokenized once with
// nlp::Tokenizer (normalized, case-folded, punctuation dropped), the words
// counted into an nlp::Vocabulary pruned to min_count and sorted by
// frequency, and the text kept in memory as word ids (4 bytes per token) so
// every epoch streams ids instead of re-tokenizing. Each input line is one
// sentence: context windows never cross a line.
//
// Sources: a plain text file (Build, memory-mapped), text in memory
// (FromText), any corpora::DocumentReader (FromReader: directories, JSONL,
// CSV, archives, ...; each line of a document is a sentence) or a corpus
// store written by `wordloom index` (FromStore: its terms, already
// tokenized; each stored document is a sentence).
//
// Immutable after Build(); safe to read from many training threads.
//
//   WL_ASSIGN_OR_RETURN(auto corpus, TrainingCorpus::Build("text.txt", {.min_count = 5}));
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_TRAINING_CORPUS_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_TRAINING_CORPUS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "corpora/reader.h"
#include "corpora/store.h"
#include "nlp/text/vocabulary.h"

namespace wordloom::embeddings::word2vec {

struct CorpusOptions {
  // Words seen fewer times are dropped.
  int64_t min_count = 5;
  // Tokenizing threads (0 = all cores).
  int32_t threads = 0;
  // Progress on stderr: forced on, or off (else only on a TTY).
  bool force_progress = false;
  bool quiet = false;
};

// A tokenized piece of a corpus: its own vocabulary and its words as ids in
// it, with TrainingCorpus::kSentenceEnd after each sentence. Built by one
// tokenizing thread, merged into the corpus in input order.
struct CorpusPiece {
  nlp::Vocabulary vocab;
  std::vector<int32_t> ids;
};

class TrainingCorpus {
 public:
  // Marks the end of a sentence in tokens().
  static constexpr int32_t kSentenceEnd = -1;

  // Tokenizes the file at `path`. Errors name the file: NotFound etc. to
  // open it; InvalidArgument when no word occurs min_count times.
  static absl::StatusOr<std::unique_ptr<TrainingCorpus>> Build(const std::string& path,
                                                               const CorpusOptions& options);
  // As Build(), over `text` in memory; `name` is used in errors.
  static absl::StatusOr<std::unique_ptr<TrainingCorpus>> FromText(std::string_view text,
                                                                  const std::string& name,
                                                                  const CorpusOptions& options);

  // Reads every document of `reader` (each line of its text a sentence);
  // `name` is used in errors and progress. The reader's own errors (a
  // missing input, a bad document under ErrorPolicy::kFail) are returned as
  // they are; documents it skips are left out (see reader.skipped()).
  static absl::StatusOr<std::unique_ptr<TrainingCorpus>> FromReader(
      corpora::DocumentReader& reader, const std::string& name, const CorpusOptions& options);
  // Takes the terms of every document of `store` (each document one
  // sentence) and recounts them, so min_count applies to this corpus.
  // DataLoss from a corrupt store; InvalidArgument as Build().
  static absl::StatusOr<std::unique_ptr<TrainingCorpus>> FromStore(
      const corpora::StoreReader& store, const CorpusOptions& options);

  // Kept words, ids in descending count order.
  const nlp::Vocabulary& vocab() const { return vocab_; }
  // Word ids with kSentenceEnd after each non-empty sentence.
  const std::vector<int32_t>& tokens() const { return tokens_; }
  // Number of word tokens (markers excluded).
  int64_t num_words() const { return num_words_; }
  // Longest sentence, in words.
  int64_t longest_sentence() const { return longest_sentence_; }
  const std::string& name() const { return name_; }

 private:
  TrainingCorpus() = default;
  // Merges the pieces' vocabularies, prunes to min_count and appends their
  // ids in order, mapped to the merged ids (frees the pieces).
  static absl::StatusOr<std::unique_ptr<TrainingCorpus>> FromPieces(
      std::vector<CorpusPiece>& pieces, const std::string& name, const CorpusOptions& options);
  // Appends one sentence of ids (nothing for an empty one).
  void AppendSentence(const int32_t* ids, size_t count);

  std::string name_;
  nlp::Vocabulary vocab_;
  std::vector<int32_t> tokens_;
  int64_t num_words_ = 0;
  int64_t longest_sentence_ = 0;
};

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_TRAINING_CORPUS_H_
