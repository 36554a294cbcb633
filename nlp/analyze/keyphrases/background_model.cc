#include "nlp/analyze/keyphrases/background_model.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/language/model_file.h"

namespace wordloom::nlp {
namespace {
constexpr uint32_t kVersion = 1;
}  // namespace

absl::StatusOr<std::unique_ptr<BackgroundBuilder>> BackgroundBuilder::Create() {
  WL_ASSIGN_OR_RETURN(auto tokenizer, Tokenizer::Create({}));
  return std::unique_ptr<BackgroundBuilder>(new BackgroundBuilder(std::move(tokenizer)));
}

absl::Status BackgroundBuilder::Add(std::string_view text) {
  WL_ASSIGN_OR_RETURN(TokenizedDoc doc, tokenizer_->Tokenize(text));
  ids_.clear();
  for (const Token& t : doc.tokens) {
    if (t.kind == TokenClass::kWord || t.kind == TokenClass::kNumber) {
      ids_.push_back(vocab_->Add(doc.Normalized(t)));
    }
  }
  vocab_->AddDocument(ids_);
  return absl::OkStatus();
}

absl::Status BackgroundBuilder::Save(const std::string& path, std::string_view source,
                                     int64_t min_document_frequency) {
  // Vocabulary::Serialize()'s text form, without the rare terms.
  std::string serialized = absl::StrCat("#wordloom-vocab v1 ", vocab_->num_documents(), "\n");
  for (size_t id = 0; id < vocab_->size(); ++id) {
    const int32_t i = static_cast<int32_t>(id);
    if (vocab_->DocumentFrequency(i) < min_document_frequency) continue;
    absl::StrAppend(&serialized, vocab_->Term(i), "\t", vocab_->Count(i), "\t",
                    vocab_->DocumentFrequency(i), "\n");
  }
  analyze::ModelWriter writer;
  writer.PutString(source);
  writer.Put<int64_t>(min_document_frequency);
  writer.PutString(serialized);
  return writer.WriteFile(path, kBackgroundModelKind, kVersion);
}

absl::StatusOr<BackgroundModel> LoadBackgroundModel(const std::string& path) {
  WL_ASSIGN_OR_RETURN(analyze::ModelReader reader,
                      analyze::ModelReader::Open(path, kBackgroundModelKind, kVersion));
  BackgroundModel model;
  int64_t min_df = 0;
  std::string serialized;
  WL_RETURN_IF_ERROR(reader.GetString(&model.source));
  WL_RETURN_IF_ERROR(reader.Get(&min_df));
  WL_RETURN_IF_ERROR(reader.GetString(&serialized));
  WL_RETURN_IF_ERROR(reader.ExpectEnd());
  absl::StatusOr<Vocabulary> vocab = Vocabulary::Parse(serialized, path);
  if (!vocab.ok()) return reader.Corrupt(absl::StrCat("vocabulary: ", vocab.status().message()));
  model.vocabulary = std::make_shared<const Vocabulary>(*std::move(vocab));
  return model;
}

}  // namespace wordloom::nlp
