// Appending documents one at a time to a corpus store: the streaming ingest
// behind the service's IngestDocuments. Each document is tokenized and its
// terms chosen exactly as `wordloom index` does with default options
// (IngestOptions{}), and written through StoreWriter in append mode, so the
// store stays readable by StoreReader (and trainable) after every commit,
// and several streams over time add to one corpus.
//
//   WL_ASSIGN_OR_RETURN(auto appender, StoreAppender::Open(dir, {}));
//   for (...) if (absl::Status s = appender->Add(doc); !s.ok()) Reject(s);
//   WL_RETURN_IF_ERROR(appender->Commit());   // durable: committed() grows
//
// Single-threaded: one writer per store at a time (the caller serializes).
#ifndef WORDLOOM_CORPORA_STORE_APPENDER_H_
#define WORDLOOM_CORPORA_STORE_APPENDER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "corpora/document.h"
#include "corpora/ingest.h"
#include "corpora/store.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::corpora {

struct StoreAppenderOptions {
  // Create the store when `dir` holds none (else NotFound).
  bool create_if_missing = true;
  // A shard is committed every this many documents (and by Commit()).
  size_t shard_max_docs = 100000;
  // Largest document text in bytes; longer ones are InvalidArgument.
  size_t max_document_bytes = 10 << 20;
};

class StoreAppender {
 public:
  // Opens (or creates) the store at `dir` and reads the ids it holds.
  // NotFound (missing, create_if_missing false), FailedPrecondition (a store
  // written with other options, e.g. by `wordloom index` with flags, or
  // pruned), DataLoss (corrupt store).
  static absl::StatusOr<std::unique_ptr<StoreAppender>> Open(const std::string& dir,
                                                             const StoreAppenderOptions& options);

  // Whether a document with this id is in the store (committed or added).
  bool Contains(const std::string& id) const { return ids_.contains(id); }

  // Tokenizes and adds `doc` (not yet durable). On error nothing is added:
  // InvalidArgument (empty or over-long id or text, ill-formed UTF-8 naming
  // the byte offset), AlreadyExists (duplicate id); errors of a shard commit
  // (then the store keeps its last committed prefix).
  absl::Status Add(const Document& doc);

  // Commits every added document (shard files, vocabulary, MANIFEST, each
  // fsynced) and leaves the store complete.
  absl::Status Commit();

  // Documents in the store's committed shards (all streams).
  uint64_t committed() const { return writer_->stats().documents; }
  // Documents this appender added (committed or not).
  uint64_t added() const { return added_; }

 private:
  StoreAppender(std::unique_ptr<StoreWriter> writer, std::unique_ptr<nlp::Tokenizer> tokenizer,
                StoreAppenderOptions options)
      : writer_(std::move(writer)), tokenizer_(std::move(tokenizer)), options_(options) {}
  absl::Status CheckDocument(const Document& doc) const;

  const std::unique_ptr<StoreWriter> writer_;
  const std::unique_ptr<nlp::Tokenizer> tokenizer_;
  const StoreAppenderOptions options_;
  const IngestOptions index_options_;  // the defaults `wordloom index` uses
  absl::flat_hash_set<std::string> ids_;
  nlp::TokenizedDoc doc_;  // scratch
  uint64_t added_ = 0;
  uint64_t base_position_ = 0;  // the store's input position at Open()
};

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_STORE_APPENDER_H_
