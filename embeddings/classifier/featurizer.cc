#include "embeddings/classifier/featurizer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/classifier/ngram_hash.h"
#include "embeddings/fasttext_format/fasttext_hash.h"

namespace wordloom::embeddings::classifier {
namespace {

// fastText's token separators (Dictionary::readWord), as a byte table.
struct SpaceTable {
  bool is_space[256] = {};
  constexpr SpaceTable() {
    for (char c : {' ', '\t', '\n', '\r', '\v', '\f', '\0'}) is_space[static_cast<uint8_t>(c)] = true;
  }
};
constexpr SpaceTable kSpaces;

inline bool IsFastTextSpace(char c) { return kSpaces.is_space[static_cast<uint8_t>(c)]; }

inline bool IsLabelToken(std::string_view token) {
  return token.size() >= kLabelPrefix.size() && token[0] == '_' &&
         token.substr(0, kLabelPrefix.size()) == kLabelPrefix;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TextTokenizer>> TextTokenizer::Create(TokenizerMode mode) {
  std::unique_ptr<nlp::Tokenizer> nlp;
  if (mode == TokenizerMode::kNlp) {
    nlp::TokenizerOptions options;
    options.normalizer.invalid_utf8 = nlp::InvalidUtf8Policy::kReplace;
    WL_ASSIGN_OR_RETURN(nlp, nlp::Tokenizer::Create(options));
  }
  return std::unique_ptr<TextTokenizer>(new TextTokenizer(mode, std::move(nlp)));
}

void TextTokenizer::Tokenize(std::string_view text, FeatureScratch* scratch) const {
  scratch->tokens.clear();
  if (mode_ == TokenizerMode::kWhitespace) {
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
      while (i < n && IsFastTextSpace(text[i])) ++i;
      size_t start = i;
      while (i < n && !IsFastTextSpace(text[i])) ++i;
      std::string_view token = text.substr(start, i - start);
      if (!token.empty() && !IsLabelToken(token)) scratch->tokens.push_back(token);
    }
  } else {
    // kReplace policy: tokenizing cannot fail on input; on an internal ICU
    // error the document simply has no word tokens.
    if (nlp_->TokenizeInto(text, &scratch->doc).ok()) {
      for (const nlp::Token& token : scratch->doc.tokens) {
        std::string_view normalized = scratch->doc.Normalized(token);
        if (!IsLabelToken(normalized)) scratch->tokens.push_back(normalized);
      }
    }
  }
  scratch->tokens.push_back(kEndOfLine);
}

absl::StatusOr<std::unique_ptr<Featurizer>> Featurizer::Create(const ModelData& data) {
  if (data.words.size() != data.word_hashes.size()) {
    return absl::InvalidArgumentError("classifier: words and word hashes differ in size");
  }
  auto featurizer = std::unique_ptr<Featurizer>(new Featurizer());
  WL_ASSIGN_OR_RETURN(featurizer->tokenizer_, TextTokenizer::Create(data.tokenizer));
  if (data.words.size() >= (1u << 31) || data.bucket_ids.size() >= (1u << 31)) {
    return absl::InvalidArgumentError("classifier: vocabulary too large");
  }
  featurizer->word_ids_.Build(data.words, data.word_hashes);
  featurizer->word_hashes_ = data.word_hashes;
  featurizer->eos_hash_ = FastTextHash(kEndOfLine);
  featurizer->eos_id_ = featurizer->word_ids_.Find(kEndOfLine, featurizer->eos_hash_);
  featurizer->word_ngrams_ = data.word_ngrams;
  featurizer->minn_ = data.minn;
  featurizer->maxn_ = data.maxn;
  featurizer->buckets_ = data.buckets;
  featurizer->dense_buckets_ = data.dense_buckets;
  featurizer->bucket_rows_.Build(data.bucket_ids, static_cast<int32_t>(data.words.size()));
  return featurizer;
}

void Featurizer::Featurize(std::string_view text, FeatureScratch* scratch,
                           std::vector<int32_t>* rows) const {
  if (tokenizer_->mode() == TokenizerMode::kWhitespace && maxn_ <= 0) {
    FeaturizeWhitespace(text, scratch, rows);
    return;
  }
  tokenizer_->Tokenize(text, scratch);
  FeaturizeTokens(scratch, rows);
}

// The prediction hot path for whitespace models without subwords: one pass
// over the bytes splits, hashes (FastTextHash, inline) and looks up each
// token; same result as Tokenize + FeaturizeTokens.
void Featurizer::FeaturizeWhitespace(std::string_view text, FeatureScratch* scratch,
                                     std::vector<int32_t>* rows) const {
  rows->clear();
  scratch->hashes.clear();
  const char* p = text.data();
  const char* const end = p + text.size();
  while (true) {
    while (p < end && IsFastTextSpace(*p)) ++p;
    if (p == end) break;
    const char* start = p;
    uint32_t hash = 2166136261u;
    for (; p < end && !IsFastTextSpace(*p); ++p) {
      hash ^= static_cast<uint32_t>(static_cast<int8_t>(*p));
      hash *= 16777619u;
    }
    std::string_view token(start, static_cast<size_t>(p - start));
    if (IsLabelToken(token)) continue;
    const int32_t id = word_ids_.Find(token, hash);
    if (id >= 0) rows->push_back(id);
    scratch->hashes.push_back(hash);
  }
  if (eos_id_ >= 0) rows->push_back(eos_id_);
  scratch->hashes.push_back(eos_hash_);
  ForEachWordNgram(scratch->hashes, word_ngrams_, buckets_,
                   [&](uint64_t bucket) { AppendBucketRow(bucket, rows); });
}

void Featurizer::AppendBucketRow(uint64_t bucket, std::vector<int32_t>* rows) const {
  if (dense_buckets_) {
    rows->push_back(static_cast<int32_t>(word_hashes_.size() + bucket));
    return;
  }
  int32_t row = bucket_rows_.Find(static_cast<uint32_t>(bucket));
  if (row >= 0) rows->push_back(row);
}

void Featurizer::AppendCharNgramRows(std::string_view token, FeatureScratch* scratch,
                                     std::vector<int32_t>* rows) const {
  if (maxn_ <= 0 || buckets_ == 0 || token == kEndOfLine) return;
  scratch->char_ngrams.clear();
  fasttext::AppendCharNgramIds(fasttext::WithBoundaries(token), minn_, maxn_,
                               static_cast<int32_t>(buckets_), 0, &scratch->char_ngrams);
  for (int32_t bucket : scratch->char_ngrams) AppendBucketRow(static_cast<uint64_t>(bucket), rows);
}

void Featurizer::FeaturizeTokens(FeatureScratch* scratch, std::vector<int32_t>* rows) const {
  rows->clear();
  scratch->hashes.clear();
  for (std::string_view token : scratch->tokens) {
    const uint32_t hash = FastTextHash(token);
    const int32_t id = word_ids_.Find(token, hash);
    if (id >= 0) rows->push_back(id);
    scratch->hashes.push_back(hash);
    AppendCharNgramRows(token, scratch, rows);
  }
  ForEachWordNgram(scratch->hashes, word_ngrams_, buckets_,
                   [&](uint64_t bucket) { AppendBucketRow(bucket, rows); });
}

}  // namespace wordloom::embeddings::classifier
