// StoreWriter: appends documents to shards and commits each shard durably
// (shard files, then vocabulary, then MANIFEST, each written atomically),
// so that the MANIFEST always describes a consistent prefix of the run.
#include <signal.h>

#include <filesystem>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/atomic_file.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "corpora/store.h"
#include "corpora/store_format.h"

namespace wordloom::corpora {

using store_format::Manifest;
using store_format::ShardEntry;

class StoreWriter::Impl {
 public:
  Impl(std::string dir, StoreWriterOptions options) : dir_(std::move(dir)), options_(std::move(options)) {}

  absl::Status Init() {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return ErrnoStatus("create directory", dir_, ec.value());
    const std::string manifest_path = Path("MANIFEST");
    if (!std::filesystem::exists(manifest_path, ec)) {
      if (!options_.resume && !std::filesystem::is_empty(dir_, ec)) {
        return absl::FailedPreconditionError(
            absl::StrCat(dir_, ": exists and is not an empty corpus store"));
      }
      manifest_.fingerprint = options_.fingerprint;
      return RemoveUncommitted();
    }
    if (!options_.resume) {
      return absl::FailedPreconditionError(absl::StrCat(
          dir_, ": a corpus store already exists (use --resume to continue it, or remove it)"));
    }
    WL_ASSIGN_OR_RETURN(std::string data, ReadFileToString(manifest_path));
    WL_ASSIGN_OR_RETURN(manifest_, store_format::DecodeManifest(data, manifest_path));
    if (manifest_.fingerprint != options_.fingerprint) {
      return absl::FailedPreconditionError(absl::StrCat(
          dir_, ": --resume with different inputs or options than the interrupted run (was: ",
          manifest_.fingerprint, ")"));
    }
    if (!manifest_.vocab_file.empty()) {
      WL_ASSIGN_OR_RETURN(std::string vocab, ReadFileToString(Path(manifest_.vocab_file)));
      WL_ASSIGN_OR_RETURN(vocab_, nlp::Vocabulary::Parse(vocab, Path(manifest_.vocab_file)));
    }
    for (const ShardEntry& s : manifest_.shards) {
      if (!std::filesystem::exists(Path(s.name + ".tok"), ec)) {
        return absl::DataLossError(absl::StrCat(dir_, ": committed shard ", s.name, " is missing"));
      }
    }
    SyncStats();
    pending_position_ = manifest_.input_position;
    // A finished store is left exactly as it is (its pruned.* files are
    // part of it); only an interrupted one has leftovers to remove.
    if (manifest_.complete && options_.append && manifest_.pruned) {
      return absl::FailedPreconditionError(
          absl::StrCat(dir_, ": a pruned corpus store cannot take more documents"));
    }
    if (manifest_.complete && !options_.append) return absl::OkStatus();
    return RemoveUncommitted();
  }

  absl::Status Add(const DocumentInfo& info, const std::vector<std::string_view>& terms,
                   uint64_t input_position) {
    ids_.clear();
    for (std::string_view t : terms) ids_.push_back(vocab_.Add(t));
    vocab_.AddDocument(ids_);
    store_format::AppendVarint(ids_.size(), &tok_);
    for (int32_t id : ids_) store_format::AppendVarint(static_cast<uint64_t>(id), &tok_);
    docs_ += store_format::EncodeDocRow(info, ids_.size());
    docs_.push_back('\n');
    ++pending_docs_;
    pending_tokens_ += ids_.size();
    pending_position_ = input_position;
    if (pending_docs_ >= options_.shard_max_docs || tok_.size() + docs_.size() >= options_.shard_max_bytes) {
      return Commit();
    }
    return absl::OkStatus();
  }

  void AddSkipped(uint64_t input_position) {
    ++pending_skipped_;
    pending_position_ = input_position;
  }

  absl::Status Finish(const nlp::VocabularyPruneOptions& prune, uint64_t reader_skipped) {
    if (manifest_.complete && !options_.append) return absl::OkStatus();
    WL_RETURN_IF_ERROR(Commit());
    const bool prunes = prune.min_count > 1 || prune.max_document_fraction < 1.0 || prune.max_size > 0;
    if (prunes && options_.append) {
      return absl::InvalidArgumentError("an appendable corpus store cannot be pruned");
    }
    if (prunes) {
      nlp::Vocabulary pruned = vocab_;
      std::vector<int32_t> map = pruned.Prune(prune);
      std::string map_bytes;
      for (int32_t id : map) store_format::AppendVarint(static_cast<uint64_t>(id + 1), &map_bytes);
      WL_RETURN_IF_ERROR(WriteFileAtomically(Path("pruned.tsv"), pruned.Serialize()));
      WL_RETURN_IF_ERROR(WriteFileAtomically(Path("pruned.map"), map_bytes));
      stats_.vocabulary_size = pruned.size();
    }
    manifest_.pruned = prunes;
    manifest_.complete = true;
    manifest_.reader_skipped = reader_skipped;
    stats_.skipped = manifest_.pipeline_skipped + reader_skipped;
    return WriteFileAtomically(Path("MANIFEST"), store_format::EncodeManifest(manifest_));
  }

  uint64_t input_position() const { return manifest_.input_position; }
  bool complete() const { return manifest_.complete; }
  const StoreStats& stats() const { return stats_; }

 private:
  std::string Path(std::string_view name) const { return absl::StrCat(dir_, "/", ToAbsl(name)); }

  void SyncStats() {
    stats_.documents = manifest_.documents;
    stats_.tokens = manifest_.tokens;
    stats_.shards = manifest_.shards.size();
    stats_.skipped = manifest_.pipeline_skipped + manifest_.reader_skipped;
    stats_.vocabulary_size = vocab_.size();
  }

  // Deletes files an interrupted run left behind that the manifest does not
  // name (partial shards, temporary files, newer vocabularies).
  absl::Status RemoveUncommitted() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      const std::string name = entry.path().filename().string();
      if (name == "MANIFEST" || name == manifest_.vocab_file) continue;
      // Only files a store writes; anything else in the directory is kept.
      const bool ours = absl::StartsWith(name, "shard-") || absl::StartsWith(name, "vocab-") ||
                        absl::StartsWith(name, "pruned.") || absl::StartsWith(name, "MANIFEST.tmp");
      if (!ours) continue;
      bool committed = false;
      for (const ShardEntry& s : manifest_.shards) {
        committed = committed || name == s.name + ".tok" || name == s.name + ".docs";
      }
      if (!committed) std::filesystem::remove(entry.path(), ec);
    }
    return absl::OkStatus();
  }

  absl::Status Commit() {
    if (pending_docs_ == 0 && pending_skipped_ == 0 && pending_position_ == manifest_.input_position) {
      return absl::OkStatus();
    }
    ShardEntry shard;
    shard.name = store_format::ShardName(manifest_.shards.size());
    shard.documents = pending_docs_;
    shard.tokens = pending_tokens_;
    shard.tok_hash = store_format::Fnv64(tok_);
    shard.docs_hash = store_format::Fnv64(docs_);
    WL_RETURN_IF_ERROR(WriteFileAtomically(Path(shard.name + ".tok"), tok_));
    WL_RETURN_IF_ERROR(WriteFileAtomically(Path(shard.name + ".docs"), docs_));
    const std::string old_vocab = manifest_.vocab_file;
    const std::string vocab_file = absl::StrCat("vocab-", shard.name.substr(6), ".tsv");
    WL_RETURN_IF_ERROR(WriteFileAtomically(Path(vocab_file), vocab_.Serialize()));
    Manifest next = manifest_;
    next.shards.push_back(shard);
    next.vocab_file = vocab_file;
    next.input_position = pending_position_;
    next.pipeline_skipped += pending_skipped_;
    next.documents += pending_docs_;
    next.tokens += pending_tokens_;
    if (options_.append) next.complete = true;
    WL_RETURN_IF_ERROR(WriteFileAtomically(Path("MANIFEST"), store_format::EncodeManifest(next)));
    manifest_ = std::move(next);
    if (!old_vocab.empty() && old_vocab != vocab_file) {
      std::error_code ec;
      std::filesystem::remove(Path(old_vocab), ec);
    }
    tok_.clear();
    docs_.clear();
    pending_docs_ = pending_tokens_ = pending_skipped_ = 0;
    SyncStats();
    if (options_.kill_after_commits > 0 && manifest_.shards.size() >= options_.kill_after_commits) {
      raise(SIGKILL);
    }
    return absl::OkStatus();
  }

  const std::string dir_;
  const StoreWriterOptions options_;
  Manifest manifest_;
  nlp::Vocabulary vocab_;
  StoreStats stats_;
  std::string tok_, docs_;
  std::vector<int32_t> ids_;
  uint64_t pending_docs_ = 0, pending_tokens_ = 0, pending_skipped_ = 0, pending_position_ = 0;
};

StoreWriter::StoreWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StoreWriter::~StoreWriter() = default;

absl::StatusOr<std::unique_ptr<StoreWriter>> StoreWriter::Create(const std::string& dir,
                                                                 const StoreWriterOptions& options) {
  auto impl = std::make_unique<Impl>(dir, options);
  WL_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<StoreWriter>(new StoreWriter(std::move(impl)));
}

uint64_t StoreWriter::input_position() const { return impl_->input_position(); }
bool StoreWriter::complete() const { return impl_->complete(); }
absl::Status StoreWriter::Add(const DocumentInfo& info, const std::vector<std::string_view>& terms,
                              uint64_t input_position) {
  return impl_->Add(info, terms, input_position);
}
void StoreWriter::AddSkipped(uint64_t input_position) { impl_->AddSkipped(input_position); }
absl::Status StoreWriter::Finish(const nlp::VocabularyPruneOptions& prune, uint64_t reader_skipped) {
  return impl_->Finish(prune, reader_skipped);
}
const StoreStats& StoreWriter::stats() const { return impl_->stats(); }

}  // namespace wordloom::corpora
