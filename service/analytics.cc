#include "service/analytics.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "nlp/analyze/language/language_gate.h"
#include "nlp/analyze/language/language_identifier.h"
#include "nlp/analyze/pii/pii_detector.h"
#include "nlp/text/subword.h"
#include "service/analytics_internal.h"
#include "service/limits.h"
#include "service/status_bridge.h"

namespace wordloom::service {
namespace internal {

absl::Status CheckRequest(std::string_view text, size_t max_bytes, std::string_view language,
                          std::string_view model_id) {
  WL_RETURN_IF_ERROR(CheckText("text", text, max_bytes));
  WL_RETURN_IF_ERROR(CheckLanguageCode(language));
  return CheckModelId("model_id", model_id);
}

absl::Status RequireModelId(std::string_view model_id, std::string_view kind) {
  if (!model_id.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("model_id is required: the id of a ",
                                                 ToAbsl(kind), " model (see ListModels)"));
}

absl::Status UnsupportedLanguage(std::string_view language, std::string_view why) {
  return UnsupportedLanguageError(
      absl::StrCat("unsupported language \"", ToAbsl(language), "\": ", ToAbsl(why)));
}

absl::Status CheckTextLanguage(ModelRegistry* registry, std::string_view what,
                               std::string_view model_language, std::string_view requested,
                               std::string_view text) {
  using analyze::language::LanguageIdentifier;
  std::shared_ptr<const LanguageIdentifier> identifier;
  if (requested.empty() && !model_language.empty()) {
    // Without a language model the text is not checked.
    identifier = registry->GetAs<LanguageIdentifier>("", ModelKind::kLanguage).value_or(nullptr);
  }
  absl::Status status = analyze::language::CheckTextLanguage(
      what, model_language, requested, text, identifier.get());
  if (status.ok() || !absl::IsInvalidArgument(status)) return status;
  return UnsupportedLanguageError(ToStd(status.message()));
}

v1::TokenClass::Value TokenClassToProto(nlp::TokenClass kind) {
  switch (kind) {
    case nlp::TokenClass::kWord: return v1::TokenClass::WORD;
    case nlp::TokenClass::kNumber: return v1::TokenClass::NUMBER;
    case nlp::TokenClass::kPunctuation: return v1::TokenClass::PUNCTUATION;
    case nlp::TokenClass::kSymbol: return v1::TokenClass::SYMBOL;
    case nlp::TokenClass::kEmoji: return v1::TokenClass::EMOJI;
    case nlp::TokenClass::kUrl: return v1::TokenClass::URL;
    case nlp::TokenClass::kEmail: return v1::TokenClass::EMAIL;
  }
  return v1::TokenClass::OTHER;
}

}  // namespace internal

namespace {

using internal::CheckRequest;

void AddToken(std::string_view text, uint64_t begin, uint64_t end, v1::TokenClass::Value kind,
              std::string_view normalized, v1::TokenizeResponse* response) {
  v1::Token* token = response->add_tokens();
  token->set_text(text.data() + begin, end - begin);
  token->set_begin_offset(static_cast<int32_t>(begin));
  token->set_end_offset(static_cast<int32_t>(end));
  token->set_kind(kind);
  token->set_normalized(normalized.data(), normalized.size());
}

// Runs `call` on each document of a batch request: documents that fail the
// per-document limit or the call land in error_list, the others in
// result_list through `fill`. As in Comprehend, an explicit `language` the
// model does not support fails the whole call (UnsupportedLanguageException).
template <typename BatchResponse, typename Call, typename Fill>
absl::Status RunBatch(const google::protobuf::RepeatedPtrField<std::string>& texts,
                      const std::string& language, const CancelCheck& cancelled,
                      BatchResponse* response, Call call, Fill fill) {
  WL_RETURN_IF_ERROR(CheckBatchSize(texts));
  for (int i = 0; i < texts.size(); ++i) {
    if (cancelled && cancelled()) return absl::CancelledError("batch call cancelled");
    absl::Status status = CheckText(absl::StrCat("text_list[", i, "]"), texts[i],
                                    kMaxBatchItemBytes);
    if (status.ok()) status = call(texts[i], i);
    if (!status.ok()) {
      if (!language.empty() && ComprehendErrorType(status) == "UnsupportedLanguageException") {
        return status;
      }
      v1::BatchItemError* error = response->add_error_list();
      error->set_index(i);
      error->set_error_code(StatusCodeName(status.code()));
      error->set_error_message(std::string(status.message()));
      continue;
    }
    fill(i);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Analytics>> Analytics::Create(ModelRegistry* registry) {
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create({}));
  std::unique_ptr<Analytics> analytics(new Analytics(registry, std::move(tokenizer)));
  WL_ASSIGN_OR_RETURN(analytics->pii_patterns_, internal::MakePiiDetector(registry, false));
  WL_ASSIGN_OR_RETURN(analytics->pii_with_names_, internal::MakePiiDetector(registry, true));
  return analytics;
}

Analytics::~Analytics() = default;

absl::StatusOr<const nlp::Tokenizer*> Analytics::TokenizerFor(bool remove_stopwords,
                                                             const std::string& language) const {
  if (!remove_stopwords) return tokenizer_.get();
  const std::string lang = language.empty() ? "en" : language.substr(0, language.find('-'));
  absl::MutexLock lock(&mu_);
  auto it = stopword_tokenizers_.find(lang);
  if (it != stopword_tokenizers_.end()) return it->second.get();
  nlp::TokenizerOptions options;
  options.remove_stopwords = true;
  options.stopwords_language = lang;
  absl::StatusOr<std::unique_ptr<nlp::Tokenizer>> created = nlp::Tokenizer::Create(options);
  if (!created.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("options.remove_stopwords: no stopword list for "
                                                   "language \"", lang, "\": ",
                                                   created.status().message()));
  }
  return stopword_tokenizers_.emplace(lang, *std::move(created)).first->second.get();
}

absl::Status Analytics::Tokenize(const v1::TokenizeRequest& request,
                                 v1::TokenizeResponse* response) const {
  return TokenizeOf(request, nullptr, response);
}

absl::Status Analytics::TokenizeOf(const v1::TokenizeRequest& request,
                                   const internal::TextTokens* tokens,
                                   v1::TokenizeResponse* response) const {
  WL_RETURN_IF_ERROR(CheckText("text", request.text(), kMaxTextBytes));
  WL_RETURN_IF_ERROR(CheckLanguageCode(request.language_code()));
  response->set_language_code(request.language_code());
  const std::string_view text = request.text();
  std::vector<nlp::Span> split;
  if (tokens == nullptr) {
    WL_ASSIGN_OR_RETURN(split, tokenizer_->SplitSentences(text));
  }
  for (const nlp::Span& s : tokens != nullptr ? tokens->sentences : split) {
    v1::Sentence* sentence = response->add_sentences();
    sentence->set_begin_offset(static_cast<int32_t>(s.begin));
    sentence->set_end_offset(static_cast<int32_t>(s.end));
  }
  if (!request.options().subword_model_id().empty()) return TokenizeSubwords(request, response);
  nlp::TokenizedDoc own;
  const nlp::TokenizedDoc* doc = &own;
  if (tokens != nullptr && !request.options().remove_stopwords()) {
    doc = &tokens->doc;
  } else {
    WL_ASSIGN_OR_RETURN(const nlp::Tokenizer* tokenizer,
                        TokenizerFor(request.options().remove_stopwords(), request.language_code()));
    WL_RETURN_IF_ERROR(tokenizer->TokenizeInto(text, &own));
  }
  const bool whitespace = request.options().include_whitespace();
  uint64_t previous_end = 0;
  for (const nlp::Token& t : doc->tokens) {
    if (whitespace && t.begin > previous_end) {
      AddToken(text, previous_end, t.begin, v1::TokenClass::WHITESPACE, "", response);
    }
    AddToken(text, t.begin, t.end, internal::TokenClassToProto(t.kind), doc->Normalized(t),
             response);
    previous_end = t.end;
  }
  if (whitespace && text.size() > previous_end) {
    AddToken(text, previous_end, text.size(), v1::TokenClass::WHITESPACE, "", response);
  }
  return absl::OkStatus();
}

absl::Status Analytics::TokenizeSubwords(const v1::TokenizeRequest& request,
                                         v1::TokenizeResponse* response) const {
  const std::string& id = request.options().subword_model_id();
  WL_RETURN_IF_ERROR(CheckModelId("options.subword_model_id", id));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const nlp::SubwordModel> model,
                      registry_->GetAs<nlp::SubwordModel>(id, ModelKind::kSubword));
  WL_ASSIGN_OR_RETURN(std::vector<nlp::SubwordPiece> pieces, model->Encode(request.text()));
  for (const nlp::SubwordPiece& piece : pieces) {
    AddToken(request.text(), piece.begin, piece.end, v1::TokenClass::WORD, piece.piece, response);
    response->mutable_tokens()->rbegin()->set_id(piece.id);
  }
  return absl::OkStatus();
}

absl::Status Analytics::DetectDominantLanguage(const v1::DetectDominantLanguageRequest& request,
                                               v1::DetectDominantLanguageResponse* response) const {
  WL_RETURN_IF_ERROR(CheckRequest(request.text(), kMaxTextBytes, "", request.model_id()));
  using analyze::language::LanguageIdentifier;
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const LanguageIdentifier> model,
                      registry_->GetAs<LanguageIdentifier>(request.model_id(),
                                                           ModelKind::kLanguage));
  WL_ASSIGN_OR_RETURN(analyze::language::LanguageResult result, model->Detect(request.text()));
  for (const analyze::language::DetectedLanguage& language : result.languages) {
    v1::DominantLanguage* out = response->add_languages();
    out->set_language_code(language.code);
    out->set_score(static_cast<float>(language.score));
  }
  return absl::OkStatus();
}

absl::Status Analytics::BatchDetectDominantLanguage(
    const v1::BatchDetectDominantLanguageRequest& request,
    v1::BatchDetectDominantLanguageResponse* response, const CancelCheck& cancelled) const {
  v1::DetectDominantLanguageResponse one;
  return RunBatch(
      request.text_list(), "", cancelled, response,
      [&](const std::string& text, int) {
        v1::DetectDominantLanguageRequest r;
        r.set_text(text);
        r.set_model_id(request.model_id());
        one.Clear();
        return DetectDominantLanguage(r, &one);
      },
      [&](int i) {
        auto* item = response->add_result_list();
        item->set_index(i);
        item->mutable_languages()->Swap(one.mutable_languages());
      });
}

absl::Status Analytics::BatchDetectKeyPhrases(const v1::BatchDetectKeyPhrasesRequest& request,
                                              v1::BatchDetectKeyPhrasesResponse* response,
                                              const CancelCheck& cancelled) const {
  v1::DetectKeyPhrasesResponse one;
  return RunBatch(
      request.text_list(), request.language_code(), cancelled, response,
      [&](const std::string& text, int) {
        v1::DetectKeyPhrasesRequest r;
        r.set_text(text);
        r.set_language_code(request.language_code());
        r.set_model_id(request.model_id());
        *r.mutable_options() = request.options();
        one.Clear();
        return DetectKeyPhrases(r, &one);
      },
      [&](int i) {
        auto* item = response->add_result_list();
        item->set_index(i);
        item->mutable_key_phrases()->Swap(one.mutable_key_phrases());
      });
}

absl::Status Analytics::BatchDetectSentiment(const v1::BatchDetectSentimentRequest& request,
                                             v1::BatchDetectSentimentResponse* response,
                                             const CancelCheck& cancelled) const {
  v1::DetectSentimentResponse one;
  return RunBatch(
      request.text_list(), request.language_code(), cancelled, response,
      [&](const std::string& text, int) {
        v1::DetectSentimentRequest r;
        r.set_text(text);
        r.set_language_code(request.language_code());
        r.set_model_id(request.model_id());
        one.Clear();
        return DetectSentiment(r, &one);
      },
      [&](int i) {
        auto* item = response->add_result_list();
        item->set_index(i);
        item->set_sentiment(one.sentiment());
        *item->mutable_sentiment_score() = one.sentiment_score();
      });
}

absl::Status Analytics::BatchDetectEntities(const v1::BatchDetectEntitiesRequest& request,
                                            v1::BatchDetectEntitiesResponse* response,
                                            const CancelCheck& cancelled) const {
  v1::DetectEntitiesResponse one;
  return RunBatch(
      request.text_list(), request.language_code(), cancelled, response,
      [&](const std::string& text, int) {
        v1::DetectEntitiesRequest r;
        r.set_text(text);
        r.set_language_code(request.language_code());
        r.set_model_id(request.model_id());
        one.Clear();
        return DetectEntities(r, &one);
      },
      [&](int i) {
        auto* item = response->add_result_list();
        item->set_index(i);
        item->mutable_entities()->Swap(one.mutable_entities());
      });
}

absl::Status Analytics::BatchDetectTopics(const v1::BatchDetectTopicsRequest& request,
                                          v1::BatchDetectTopicsResponse* response,
                                          const CancelCheck& cancelled) const {
  v1::DetectTopicsResponse one;
  return RunBatch(
      request.text_list(), request.language_code(), cancelled, response,
      [&](const std::string& text, int) {
        v1::DetectTopicsRequest r;
        r.set_text(text);
        r.set_language_code(request.language_code());
        r.set_model_id(request.model_id());
        *r.mutable_options() = request.options();
        one.Clear();
        return DetectTopics(r, &one);
      },
      [&](int i) {
        auto* item = response->add_result_list();
        item->set_index(i);
        item->mutable_topics()->Swap(one.mutable_topics());
      });
}

absl::Status Analytics::BatchClassifyText(const v1::BatchClassifyTextRequest& request,
                                          v1::BatchClassifyTextResponse* response,
                                          const CancelCheck& cancelled) const {
  v1::ClassifyTextResponse one;
  return RunBatch(
      request.text_list(), request.language_code(), cancelled, response,
      [&](const std::string& text, int) {
        v1::ClassifyTextRequest r;
        r.set_text(text);
        r.set_language_code(request.language_code());
        r.set_model_id(request.model_id());
        *r.mutable_options() = request.options();
        one.Clear();
        return ClassifyText(r, &one);
      },
      [&](int i) {
        auto* item = response->add_result_list();
        item->set_index(i);
        item->mutable_classes()->Swap(one.mutable_classes());
        item->mutable_labels()->Swap(one.mutable_labels());
      });
}

}  // namespace wordloom::service
