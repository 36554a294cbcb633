// StoreReader: opens a finished corpus store and iterates its documents
// shard by shard (memory-mapped), checking each shard's hash.
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "corpora/store.h"
#include "corpora/store_format.h"

namespace wordloom::corpora {
namespace {

using store_format::ShardEntry;

class ShardCursor : public StoreReader::Cursor {
 public:
  ShardCursor(std::string dir, std::vector<ShardEntry> shards, const std::vector<int32_t>* id_map)
      : dir_(std::move(dir)), shards_(std::move(shards)), id_map_(id_map) {}

  absl::StatusOr<std::optional<StoredDocument>> Next() override {
    while (true) {
      if (tok_ != nullptr && docs_pos_ < docs_->size()) return Decode();
      if (next_shard_ >= shards_.size()) return std::nullopt;
      WL_RETURN_IF_ERROR(OpenShard(shards_[next_shard_++]));
    }
  }

 private:
  absl::Status OpenShard(const ShardEntry& shard) {
    const std::string base = absl::StrCat(dir_, "/", shard.name);
    WL_ASSIGN_OR_RETURN(tok_, MappedFile::Open(base + ".tok"));
    WL_ASSIGN_OR_RETURN(docs_, MappedFile::Open(base + ".docs"));
    if (store_format::Fnv64(tok_->view()) != shard.tok_hash ||
        store_format::Fnv64(docs_->view()) != shard.docs_hash) {
      return absl::DataLossError(absl::StrCat(base, ": shard is corrupt (hash mismatch)"));
    }
    tok_pos_ = docs_pos_ = 0;
    name_ = base;
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<StoredDocument>> Decode() {
    std::string_view docs = docs_->view();
    size_t nl = docs.find('\n', docs_pos_);
    if (nl == std::string_view::npos) nl = docs.size();
    StoredDocument doc;
    uint64_t tokens = 0;
    absl::Status s = store_format::DecodeDocRow(docs.substr(docs_pos_, nl - docs_pos_), &doc.info, &tokens);
    if (!s.ok()) return absl::DataLossError(absl::StrCat(name_, ".docs: ", s.message()));
    docs_pos_ = nl + 1;
    uint64_t count = 0;
    std::string_view tok = tok_->view();
    if (!store_format::ReadVarint(tok, &tok_pos_, &count) || count != tokens) {
      return absl::DataLossError(absl::StrCat(name_, ".tok: truncated or inconsistent"));
    }
    doc.token_ids.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
      uint64_t id = 0;
      if (!store_format::ReadVarint(tok, &tok_pos_, &id)) {
        return absl::DataLossError(absl::StrCat(name_, ".tok: truncated"));
      }
      if (id_map_->empty()) {
        doc.token_ids.push_back(static_cast<int32_t>(id));
      } else if (id < id_map_->size() && (*id_map_)[id] >= 0) {
        doc.token_ids.push_back((*id_map_)[id]);
      }
    }
    return doc;
  }

  std::string dir_;
  std::vector<ShardEntry> shards_;
  const std::vector<int32_t>* id_map_;
  size_t next_shard_ = 0;
  std::unique_ptr<MappedFile> tok_, docs_;
  size_t tok_pos_ = 0, docs_pos_ = 0;
  std::string name_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<StoreReader>> StoreReader::Open(const std::string& dir) {
  const std::string manifest_path = dir + "/MANIFEST";
  WL_ASSIGN_OR_RETURN(std::string data, ReadFileToString(manifest_path));
  WL_ASSIGN_OR_RETURN(store_format::Manifest m, store_format::DecodeManifest(data, manifest_path));
  if (!m.complete) {
    return absl::FailedPreconditionError(
        absl::StrCat(dir, ": corpus store is incomplete (interrupted run; finish it with --resume)"));
  }
  auto reader = std::unique_ptr<StoreReader>(new StoreReader());
  reader->dir_ = dir;
  const std::string vocab_path = dir + "/" + (m.pruned ? "pruned.tsv" : m.vocab_file);
  if (!m.vocab_file.empty()) {
    WL_ASSIGN_OR_RETURN(std::string vocab, ReadFileToString(vocab_path));
    WL_ASSIGN_OR_RETURN(reader->vocabulary_, nlp::Vocabulary::Parse(vocab, vocab_path));
  }
  if (m.pruned) {
    WL_ASSIGN_OR_RETURN(std::string map, ReadFileToString(dir + "/pruned.map"));
    size_t pos = 0;
    uint64_t v = 0;
    while (pos < map.size()) {
      if (!store_format::ReadVarint(map, &pos, &v)) {
        return absl::DataLossError(absl::StrCat(dir, "/pruned.map: truncated"));
      }
      reader->id_map_.push_back(static_cast<int32_t>(v) - 1);
    }
  }
  for (const auto& s : m.shards) reader->shards_.push_back(s.name);
  reader->shard_entries_ = m.shards;
  reader->stats_ = {.documents = m.documents,
                    .tokens = m.tokens,
                    .skipped = m.pipeline_skipped + m.reader_skipped,
                    .shards = m.shards.size(),
                    .vocabulary_size = reader->vocabulary_.size()};
  return reader;
}

std::unique_ptr<StoreReader::Cursor> StoreReader::Documents() const {
  return std::make_unique<ShardCursor>(dir_, shard_entries_, &id_map_);
}

absl::StatusOr<uint64_t> StoreReader::LogicalChecksum() const {
  uint64_t h = store_format::Fnv64("wordloom-logical");
  auto cursor = Documents();
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<StoredDocument> doc, cursor->Next());
    if (!doc) break;
    h = store_format::Fnv64(absl::StrCat(doc->info.id, "\t", doc->info.source, "\t",
                                         doc->info.byte_length, "\n"), h);
    for (const auto& [k, v] : doc->info.metadata) h = store_format::Fnv64(absl::StrCat(k, "=", v, "\n"), h);
    for (int32_t id : doc->token_ids) {
      h = store_format::Fnv64(vocabulary_.Term(id), h);
      h = store_format::Fnv64(" ", h);
    }
    h = store_format::Fnv64("\n", h);
  }
  for (size_t id = 0; id < vocabulary_.size(); ++id) {
    h = store_format::Fnv64(absl::StrCat(vocabulary_.Term(id), "\t", vocabulary_.Count(id), "\t",
                                         vocabulary_.DocumentFrequency(id), "\n"), h);
  }
  return h;
}

}  // namespace wordloom::corpora
