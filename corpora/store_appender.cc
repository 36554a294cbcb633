#include "corpora/store_appender.h"

#include <filesystem>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/text/utf8.h"

namespace wordloom::corpora {
namespace {

constexpr size_t kMaxIdBytes = 1024;

// The ids of every document of the complete store at `dir`.
absl::Status ReadIds(const std::string& dir, absl::flat_hash_set<std::string>* ids) {
  WL_ASSIGN_OR_RETURN(std::unique_ptr<StoreReader> reader, StoreReader::Open(dir));
  std::unique_ptr<StoreReader::Cursor> cursor = reader->Documents();
  while (true) {
    WL_ASSIGN_OR_RETURN(std::optional<StoredDocument> doc, cursor->Next());
    if (!doc) return absl::OkStatus();
    ids->insert(std::move(doc->info.id));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<StoreAppender>> StoreAppender::Open(
    const std::string& dir, const StoreAppenderOptions& options) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(absl::StrCat(dir, "/MANIFEST"), ec);
  if (!exists && !options.create_if_missing) {
    return absl::NotFoundError(absl::StrCat("corpus store ", dir, " does not exist"));
  }
  absl::flat_hash_set<std::string> ids;
  if (exists) WL_RETURN_IF_ERROR(ReadIds(dir, &ids));
  const IngestOptions index_options;
  StoreWriterOptions store;
  store.fingerprint = IngestFingerprint(index_options);
  store.resume = true;
  store.append = true;
  store.shard_max_docs = options.shard_max_docs;
  WL_ASSIGN_OR_RETURN(std::unique_ptr<StoreWriter> writer, StoreWriter::Create(dir, store));
  WL_ASSIGN_OR_RETURN(std::unique_ptr<nlp::Tokenizer> tokenizer,
                      nlp::Tokenizer::Create(index_options.tokenizer));
  std::unique_ptr<StoreAppender> appender(
      new StoreAppender(std::move(writer), std::move(tokenizer), options));
  appender->ids_ = std::move(ids);
  appender->base_position_ = appender->writer_->input_position();
  return appender;
}

absl::Status StoreAppender::CheckDocument(const Document& doc) const {
  if (doc.id.empty() || doc.id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(absl::StrCat("document id is ", doc.id.size(),
                                                   " bytes; it must be 1 to ", kMaxIdBytes));
  }
  if (absl::Status s = nlp::ValidateUtf8(doc.id); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("document id: ", s.message()));
  }
  if (doc.text.empty()) return absl::InvalidArgumentError("document text is empty");
  if (doc.text.size() > options_.max_document_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("document text is ", doc.text.size(),
                                                   " bytes, over the limit of ",
                                                   options_.max_document_bytes));
  }
  if (ids_.contains(doc.id)) {
    return absl::AlreadyExistsError(
        absl::StrCat("a document with id \"", doc.id, "\" is already in the corpus"));
  }
  return absl::OkStatus();
}

absl::Status StoreAppender::Add(const Document& doc) {
  WL_RETURN_IF_ERROR(CheckDocument(doc));
  absl::Status tokenized = tokenizer_->TokenizeInto(doc.text, &doc_);
  if (!tokenized.ok()) {
    return absl::Status(tokenized.code(), absl::StrCat("document text: ", tokenized.message()));
  }
  std::vector<std::string_view> terms;
  terms.reserve(doc_.tokens.size());
  for (const nlp::Token& token : doc_.tokens) {
    if (KeepIndexedToken(token, index_options_)) terms.push_back(doc_.Normalized(token));
  }
  const DocumentInfo info{doc.id, doc.source, doc.text.size(), doc.metadata};
  ++added_;
  ids_.insert(doc.id);
  return writer_->Add(info, terms, base_position_ + added_);
}

absl::Status StoreAppender::Commit() { return writer_->Finish({}, 0); }

}  // namespace wordloom::corpora
