// A finished corpus store (written by `wordloom index` or the service's
// Ingest) read back through the DocumentReader interface, so code that
// consumes documents — the service's jobs — takes a store like any other
// input.
//
// The store keeps each document's normalized terms, not its original text,
// so a document's text here is its terms joined by single spaces (terms the
// store pruned are left out). Tokenizing that text again with the project's
// tokenizer gives back the same terms. Not thread-safe; one per thread.
#ifndef WORDLOOM_CORPORA_STORE_DOCUMENTS_H_
#define WORDLOOM_CORPORA_STORE_DOCUMENTS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "corpora/reader.h"

namespace wordloom::corpora {

// True when `dir` is a directory holding a store MANIFEST.
bool IsCorpusStore(const std::string& dir);

// Opens the store at `dir`. Errors as StoreReader::Open (FailedPrecondition
// for an unfinished store, DataLoss for corrupt files). The reader's
// bytes_read() / total_bytes() count the store's token ids, for progress.
absl::StatusOr<std::unique_ptr<DocumentReader>> OpenStoreDocuments(const std::string& dir);

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_STORE_DOCUMENTS_H_
