// Analytics::Embed over embeddings/word2vec (WordVectors, a VECTORS model
// written by `wordloom train-vectors`): the text's word tokens (punctuation
// and symbols left out, as the trainer leaves them out) looked up as the
// model's vocabulary was made, and the text vector is fastText's sentence
// vector — the mean of the unit-normalised word vectors
// (WordVectors::SentenceVector).
#include <cmath>
#include <string>
#include <vector>

#include "core/status_macros.h"
#include "embeddings/word2vec/word_vectors.h"
#include "service/analytics.h"
#include "service/analytics_internal.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

namespace w2v = embeddings::word2vec;

// Whether the vectors trainer keeps tokens of this class (it tokenizes with
// keep_punctuation = false).
bool IsEmbedded(nlp::TokenClass kind) {
  return kind != nlp::TokenClass::kPunctuation && kind != nlp::TokenClass::kSymbol;
}

// The lookup form of `token`: its normalized form for models trained by
// wordloom, the text as written for fastText models.
std::string_view LookupForm(const w2v::WordVectors& vectors, std::string_view text,
                            const nlp::TokenizedDoc& doc, const nlp::Token& token) {
  if (vectors.query_normalization() == w2v::QueryNormalization::kWordloom) {
    return doc.Normalized(token);
  }
  return text.substr(token.begin, token.end - token.begin);
}

void AddTokenEmbedding(std::string_view text, const nlp::TokenizedDoc& doc,
                       const nlp::Token& token, const std::vector<float>& vector,
                       v1::EmbedResponse* response) {
  v1::TokenEmbedding* out = response->add_token_embeddings();
  v1::Token* t = out->mutable_token();
  t->set_text(std::string(text.substr(token.begin, token.end - token.begin)));
  t->set_begin_offset(static_cast<int32_t>(token.begin));
  t->set_end_offset(static_cast<int32_t>(token.end));
  t->set_kind(internal::TokenClassToProto(token.kind));
  t->set_normalized(std::string(doc.Normalized(token)));
  out->mutable_embedding()->Add(vector.begin(), vector.end());
}

}  // namespace

absl::Status Analytics::Embed(const v1::EmbedRequest& request, v1::EmbedResponse* response) const {
  return EmbedOf(request, nullptr, response);
}

absl::Status Analytics::EmbedOf(const v1::EmbedRequest& request,
                                const internal::TextTokens* tokens,
                                v1::EmbedResponse* response) const {
  WL_RETURN_IF_ERROR(internal::CheckRequest(request.text(), kMaxTextBytes,
                                            request.language_code(), request.model_id()));
  WL_ASSIGN_OR_RETURN(std::shared_ptr<const w2v::WordVectors> vectors,
                      registry_->GetAs<w2v::WordVectors>(request.model_id(), ModelKind::kVectors));
  nlp::TokenizedDoc own;
  if (tokens == nullptr) WL_RETURN_IF_ERROR(tokenizer_->TokenizeInto(request.text(), &own));
  const nlp::TokenizedDoc& doc = tokens == nullptr ? own : tokens->doc;
  const std::string_view text = request.text();
  const size_t dim = vectors->dim();
  std::vector<std::string_view> words;
  std::vector<float> vector(dim);
  for (const nlp::Token& token : doc.tokens) {
    if (!IsEmbedded(token.kind)) continue;
    words.push_back(LookupForm(*vectors, text, doc, token));
    if (request.options().include_token_embeddings()) {
      vectors->WordVector(words.back(), vector.data());
      AddTokenEmbedding(text, doc, token, vector, response);
    }
  }
  // No known word: the zero vector, as fastText prints for such a line.
  vectors->SentenceVector(words, vector.data());
  if (request.options().normalize()) {
    double norm = 0;
    for (float v : vector) norm += static_cast<double>(v) * v;
    if (norm > 0) {
      const float scale = static_cast<float>(1.0 / std::sqrt(norm));
      for (float& v : vector) v *= scale;
    }
  }
  response->mutable_embedding()->Add(vector.begin(), vector.end());
  response->set_dimension(static_cast<int32_t>(dim));
  return absl::OkStatus();
}

}  // namespace wordloom::service
