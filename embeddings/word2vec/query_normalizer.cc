#include "embeddings/word2vec/query_normalizer.h"

#include "core/status_macros.h"

namespace wordloom::embeddings::word2vec {

absl::StatusOr<std::unique_ptr<QueryNormalizer>> QueryNormalizer::Create(
    QueryNormalization kind) {
  if (kind == QueryNormalization::kNone) {
    return std::unique_ptr<QueryNormalizer>(new QueryNormalizer(nullptr));
  }
  nlp::NormalizerOptions options;
  options.invalid_utf8 = nlp::InvalidUtf8Policy::kReplace;
  WL_ASSIGN_OR_RETURN(auto normalizer, nlp::Normalizer::Create(options));
  return std::unique_ptr<QueryNormalizer>(new QueryNormalizer(std::move(normalizer)));
}

std::string QueryNormalizer::Normalize(std::string_view word) const {
  if (normalizer_ == nullptr) return std::string(word);
  std::string out;
  normalizer_->AppendNormalized(word, &out);
  return out;
}

}  // namespace wordloom::embeddings::word2vec
