// The on-disk corpus store: an append-only directory written by
// `wordloom index` and read by TF-IDF, keyphrases, LDA and word2vec.
//
// Layout of STORE/:
//   MANIFEST        text, rewritten atomically after each committed shard:
//                   format version, the options fingerprint, committed
//                   shards (name, docs, tokens, crc32c of both files), input
//                   position, skipped count, "complete" after Finish()
//   vocab.tsv       the full vocabulary (Vocabulary::Serialize; ids in first
//                   seen order), rewritten atomically with each commit
//   pruned.tsv      after Finish() with pruning: the pruned vocabulary (ids
//                   by descending count) and pruned.map (old id -> new id)
//   shard-NNNNNN.tok  per document: varint token count, varint token ids
//   shard-NNNNNN.docs per document one line: id \t source \t byte length \t
//                   token count \t metadata JSON object
// Shard files are fsynced before the manifest names them; files that the
// manifest does not name are leftovers of an interrupted run and are
// replaced on --resume, so a run killed at any moment and resumed ends with
// exactly the corpus a clean run writes.
//
// StoreWriter is single-threaded (the pipeline's ordered consumer);
// StoreReader is immutable after Open() and its cursors are independent, one
// per thread.
#ifndef WORDLOOM_CORPORA_STORE_H_
#define WORDLOOM_CORPORA_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/text/vocabulary.h"

namespace wordloom::corpora {

// One committed shard, as the MANIFEST lists it.
struct ShardInfo {
  std::string name;  // "shard-000000": files name.tok and name.docs
  uint64_t documents = 0;
  uint64_t tokens = 0;
  uint64_t tok_hash = 0;   // Fnv64 of name.tok
  uint64_t docs_hash = 0;  // Fnv64 of name.docs
};

// One document's row in the document table.
struct DocumentInfo {
  std::string id;
  std::string source;
  uint64_t byte_length = 0;
  std::vector<std::pair<std::string, std::string>> metadata;
};

struct StoreWriterOptions {
  // Describes the inputs and the options that shape the content (format,
  // tokenizer options). --resume refuses a store with another fingerprint.
  std::string fingerprint;
  // Continue an interrupted store instead of creating a new one. Without it,
  // an existing non-empty store is FailedPrecondition.
  bool resume = false;
  // A shard is committed when it holds this many documents or token bytes.
  size_t shard_max_docs = 100000;
  size_t shard_max_bytes = 64 << 20;
  // Streaming ingest (StoreAppender): a complete store is reopened to take
  // more documents, and every commit leaves it complete, so readers see each
  // committed prefix. FailedPrecondition for a pruned store; Finish() must
  // not prune.
  bool append = false;
  // Testing hook: raise SIGKILL right after this many shard commits
  // (0 = never), to test --resume.
  size_t kill_after_commits = 0;
};

// What a finished store holds (also written into the MANIFEST).
struct StoreStats {
  uint64_t documents = 0;
  uint64_t tokens = 0;
  uint64_t skipped = 0;  // bad documents left out
  uint64_t shards = 0;
  uint64_t vocabulary_size = 0;
};

class StoreWriter {
 public:
  // Creates STORE (and the directory) or reopens it for --resume.
  // FailedPrecondition: exists without resume, or fingerprint mismatch;
  // DataLoss: a corrupt manifest or committed shard.
  static absl::StatusOr<std::unique_ptr<StoreWriter>> Create(const std::string& dir,
                                                             const StoreWriterOptions& options);
  ~StoreWriter();

  // Reader documents consumed by the committed part (resume skips them).
  uint64_t input_position() const;
  // True when the store was already finished (--resume of a complete run).
  bool complete() const;

  // Appends one document: its table row and its normalized terms (added to
  // the vocabulary in order). `input_position` is the reader position after
  // this document. May commit a shard.
  absl::Status Add(const DocumentInfo& info, const std::vector<std::string_view>& terms,
                   uint64_t input_position);
  // Counts a bad document the pipeline left out at `input_position`.
  void AddSkipped(uint64_t input_position);

  // Commits the last shard, applies pruning (if any option prunes) and marks
  // the store complete. `reader_skipped` adds the reader's skip count.
  absl::Status Finish(const nlp::VocabularyPruneOptions& prune, uint64_t reader_skipped);

  const StoreStats& stats() const;

 private:
  class Impl;
  explicit StoreWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A stored document: its row and token ids in the store's (pruned)
// vocabulary; pruned-away tokens are left out.
struct StoredDocument {
  DocumentInfo info;
  std::vector<int32_t> token_ids;
};

class StoreReader {
 public:
  // Opens a complete store. FailedPrecondition if it is incomplete (an
  // interrupted run), DataLoss if a file is corrupt or truncated.
  static absl::StatusOr<std::unique_ptr<StoreReader>> Open(const std::string& dir);

  // Iterates the documents in order; independent of other cursors.
  class Cursor {
   public:
    virtual ~Cursor() = default;
    // The next document, std::nullopt at the end, DataLoss on corruption.
    virtual absl::StatusOr<std::optional<StoredDocument>> Next() = 0;
  };
  std::unique_ptr<Cursor> Documents() const;

  // The vocabulary the token ids index (pruned when the store was pruned);
  // counts and document frequencies are over the whole store.
  const nlp::Vocabulary& vocabulary() const { return vocabulary_; }
  const StoreStats& stats() const { return stats_; }
  const std::string& dir() const { return dir_; }

  // A checksum of the logical content (document rows and term sequences,
  // not file bytes): equal for equal corpora however they were written.
  absl::StatusOr<uint64_t> LogicalChecksum() const;

 private:
  StoreReader() = default;
  std::string dir_;
  nlp::Vocabulary vocabulary_;
  std::vector<int32_t> id_map_;  // raw id -> vocabulary_ id (empty: identity)
  std::vector<std::string> shards_;
  std::vector<ShardInfo> shard_entries_;
  StoreStats stats_;
};

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_STORE_H_
