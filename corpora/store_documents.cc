#include "corpora/store_documents.h"

#include <filesystem>
#include <utility>

#include "core/status_macros.h"
#include "corpora/store.h"

namespace wordloom::corpora {
namespace {

class StoreDocumentReader : public DocumentReader {
 public:
  explicit StoreDocumentReader(std::unique_ptr<StoreReader> store)
      : store_(std::move(store)), cursor_(store_->Documents()) {}

  absl::StatusOr<std::optional<Document>> Next() override {
    WL_ASSIGN_OR_RETURN(std::optional<StoredDocument> stored, cursor_->Next());
    if (!stored) return std::nullopt;
    Document doc;
    doc.id = std::move(stored->info.id);
    doc.source = std::move(stored->info.source);
    doc.metadata = std::move(stored->info.metadata);
    const nlp::Vocabulary& vocab = store_->vocabulary();
    for (int32_t id : stored->token_ids) {
      if (!doc.text.empty()) doc.text.push_back(' ');
      doc.text.append(vocab.Term(id));
    }
    tokens_read_ += stored->token_ids.size();
    return doc;
  }

  uint64_t bytes_read() const override { return tokens_read_; }
  uint64_t total_bytes() const override { return store_->stats().tokens; }

 private:
  std::unique_ptr<StoreReader> store_;
  std::unique_ptr<StoreReader::Cursor> cursor_;
  uint64_t tokens_read_ = 0;
};

}  // namespace

bool IsCorpusStore(const std::string& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) &&
         std::filesystem::is_regular_file(std::filesystem::path(dir) / "MANIFEST", ec);
}

absl::StatusOr<std::unique_ptr<DocumentReader>> OpenStoreDocuments(const std::string& dir) {
  WL_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> store, StoreReader::Open(dir));
  return std::unique_ptr<DocumentReader>(new StoreDocumentReader(std::move(store)));
}

}  // namespace wordloom::corpora
