// The ingest pipeline behind `wordloom index`: reader -> bounded queue ->
// tokenize on all cores (nlp::Tokenizer) -> ordered store sink.
//
// Memory is bounded by `batch_docs` x the queue window (reader back-pressure),
// plus the vocabulary; never by the size of the input. Deterministic: the
// store content does not depend on the thread count, and a run resumed after
// a kill writes exactly what a clean run writes.
#ifndef WORDLOOM_CORPORA_INGEST_H_
#define WORDLOOM_CORPORA_INGEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "corpora/reader.h"
#include "corpora/store.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::corpora {

struct IngestOptions {
  std::vector<std::string> inputs;
  ReaderOptions reader;
  nlp::TokenizerOptions tokenizer;
  // Input is already tokenized: terms are the whitespace-separated words,
  // taken as they are (for comparisons with tools given the same tokens).
  bool pretokenized = false;
  // Keep only these token classes (words and numbers by default).
  bool keep_numbers = true;
  StoreWriterOptions store;
  nlp::VocabularyPruneOptions prune;
  // Worker threads (0 = all cores) and documents per batch.
  size_t threads = 0;
  size_t batch_docs = 256;
  // Progress on stderr: kAuto (TTY), kAlways, kNever.
  int progress_mode = 0;
};

struct IngestSummary {
  StoreStats stats;
  uint64_t input_bytes = 0;
  double seconds = 0;
  std::vector<ReadError> errors;  // the first bad documents
};

// The store fingerprint of a run with `options` (StoreWriterOptions).
std::string IngestFingerprint(const IngestOptions& options);

// Whether a token of this class becomes a term of the store under `options`
// (words, URLs, e-mails, emoji; numbers and punctuation as configured).
bool KeepIndexedToken(const nlp::Token& token, const IngestOptions& options);

// Indexes `options.inputs` into the store at `store_dir`.
absl::StatusOr<IngestSummary> RunIngest(const std::string& store_dir, const IngestOptions& options);

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_INGEST_H_
