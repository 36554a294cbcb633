#include "embeddings/classifier/model_data.h"

#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace wordloom::embeddings::classifier {

absl::StatusOr<LossKind> ParseLossKind(std::string_view name) {
  if (name == "softmax") return LossKind::kSoftmax;
  if (name == "hs") return LossKind::kHierarchicalSoftmax;
  if (name == "ns") return LossKind::kNegativeSampling;
  if (name == "ova") return LossKind::kOneVsAll;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown loss '", ToAbsl(name), "' (expected softmax, hs, ns or ova)"));
}

std::string_view LossKindName(LossKind loss) {
  switch (loss) {
    case LossKind::kSoftmax: return "softmax";
    case LossKind::kHierarchicalSoftmax: return "hs";
    case LossKind::kNegativeSampling: return "ns";
    case LossKind::kOneVsAll: return "ova";
  }
  return "unknown";
}

absl::StatusOr<TokenizerMode> ParseTokenizerMode(std::string_view name) {
  if (name == "whitespace") return TokenizerMode::kWhitespace;
  if (name == "nlp") return TokenizerMode::kNlp;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown tokenizer '", ToAbsl(name), "' (expected whitespace or nlp)"));
}

std::string_view TokenizerModeName(TokenizerMode mode) {
  return mode == TokenizerMode::kWhitespace ? "whitespace" : "nlp";
}

}  // namespace wordloom::embeddings::classifier
