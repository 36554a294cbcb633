#include "nlp/analyze/sentiment/sentiment_features.h"

#include <xxhash.h>

#include <algorithm>
#include <string>

#include "core/status_macros.h"

namespace wordloom::analyze::sentiment {
namespace {

constexpr uint64_t kSeed = 0x73656e74;  // "sent"
constexpr uint64_t kNegatedSeed = 0x6e656774;  // "negt": negated unigrams
constexpr uint64_t kBigramSeed = 0x62696772;  // "bigr"

bool IsNegator(std::string_view w) {
  static constexpr std::string_view kNegators[] = {
      "not", "no", "never", "n't", "cannot", "nothing", "nobody", "none",
      "neither", "nor", "nowhere", "without", "hardly", "barely", "lacks", "lack"};
  for (std::string_view n : kNegators) {
    if (w == n) return true;
  }
  return w.size() > 3 && (w.substr(w.size() - 3) == "n't" || w.substr(w.size() - 3) == "n’t");
}

// Punctuation that closes a negation scope (Pang et al. 2002 style).
bool EndsScope(std::string_view w) {
  return w == "." || w == "," || w == ";" || w == ":" || w == "!" || w == "?" || w == "but" ||
         w == "--" || w == "-";
}

}  // namespace

nlp::TokenizerOptions SentimentTokenizerOptions() {
  nlp::TokenizerOptions options;
  options.keep_punctuation = true;
  return options;
}

void AppendFeatureHashes(const nlp::TokenizedDoc& doc, size_t begin, size_t end,
                         std::vector<uint64_t>* out) {
  bool negated = false;
  uint64_t prev = 0;
  bool have_prev = false;
  for (size_t i = begin; i < end; ++i) {
    const std::string_view w = doc.Normalized(doc.tokens[i]);
    if (w.empty()) continue;
    const bool scope_end = EndsScope(w);
    if (scope_end) negated = false;
    const uint64_t h = XXH64(w.data(), w.size(), negated ? kNegatedSeed : kSeed);
    out->push_back(h);
    if (have_prev) {
      const uint64_t pair[2] = {prev, h};
      out->push_back(XXH64(pair, sizeof(pair), kBigramSeed));
    }
    prev = h;
    have_prev = true;
    if (!scope_end && IsNegator(w)) negated = true;
  }
}

void FeaturesOfTokens(const nlp::TokenizedDoc& doc, size_t begin, size_t end,
                      std::vector<uint64_t>* out) {
  const size_t first = out->size();
  AppendFeatureHashes(doc, begin, end, out);
  std::sort(out->begin() + first, out->end());
  out->erase(std::unique(out->begin() + first, out->end()), out->end());
}

absl::Status ExtractFeatures(const nlp::Tokenizer& tokenizer, std::string_view text,
                             nlp::TokenizedDoc* doc, std::vector<uint64_t>* out) {
  out->clear();
  WL_RETURN_IF_ERROR(tokenizer.TokenizeInto(text, doc));
  FeaturesOfTokens(*doc, 0, doc->tokens.size(), out);
  return absl::OkStatus();
}

}  // namespace wordloom::analyze::sentiment
