// The keyphrase extractor's built-in background: document frequencies of a
// general corpus (e.g. Reuters-21578), so that `wordloom keyphrases` and the
// service score phrases with real idf statistics when no corpus store is
// given. One file in the analyzers' model frame (language/model_file.h),
// kind "keyphrases-background", version 1; payload: the source description
// and the vocabulary (nlp/text Vocabulary::Serialize()).
//
// BackgroundBuilder is not thread-safe (one per trainer); the loaded
// Vocabulary is immutable and shared.
//
//   WL_ASSIGN_OR_RETURN(auto builder, BackgroundBuilder::Create());
//   for (text : corpus) WL_RETURN_IF_ERROR(builder->Add(text));
//   WL_RETURN_IF_ERROR(builder->Save(path, "reuters21578", /*min_document_frequency=*/2));
//   WL_ASSIGN_OR_RETURN(BackgroundModel m, LoadBackgroundModel(path));
#ifndef WORDLOOM_NLP_ANALYZE_KEYPHRASES_BACKGROUND_MODEL_H_
#define WORDLOOM_NLP_ANALYZE_KEYPHRASES_BACKGROUND_MODEL_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/text/tokenizer.h"
#include "nlp/text/vocabulary.h"

namespace wordloom::nlp {

inline constexpr std::string_view kBackgroundModelKind = "keyphrases-background";
// The default file name under the models directory.
inline constexpr std::string_view kBackgroundModelFile = "keyphrases-background.wlm";

// Counts document frequencies of normalized word and number tokens with the
// keyphrase extractor's default tokenization.
class BackgroundBuilder {
 public:
  static absl::StatusOr<std::unique_ptr<BackgroundBuilder>> Create();

  // Adds one document. InvalidArgument for ill-formed UTF-8.
  absl::Status Add(std::string_view text);

  // Drops terms in fewer than `min_document_frequency` documents (they get
  // the idf of an unseen term) and writes the model atomically.
  absl::Status Save(const std::string& path, std::string_view source, int64_t min_document_frequency);

  const Vocabulary& vocabulary() const { return *vocab_; }
  std::shared_ptr<Vocabulary> TakeVocabulary() { return std::move(vocab_); }

 private:
  explicit BackgroundBuilder(std::unique_ptr<Tokenizer> tokenizer)
      : tokenizer_(std::move(tokenizer)), vocab_(std::make_shared<Vocabulary>()) {}

  std::unique_ptr<Tokenizer> tokenizer_;
  std::shared_ptr<Vocabulary> vocab_;
  std::vector<int32_t> ids_;  // scratch
};

struct BackgroundModel {
  std::string source;  // what it was built from
  std::shared_ptr<const Vocabulary> vocabulary;
};

// Reads a model written by BackgroundBuilder::Save(). NotFound for a missing
// file; InvalidArgument (not a wordloom model / another kind);
// FailedPrecondition (newer format); DataLoss (truncated or corrupt).
absl::StatusOr<BackgroundModel> LoadBackgroundModel(const std::string& path);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_ANALYZE_KEYPHRASES_BACKGROUND_MODEL_H_
