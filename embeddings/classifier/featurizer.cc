#include "embeddings/classifier/featurizer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/classifier/ngram_hash.h"
#include "embeddings/fasttext_format/fasttext_hash.h"
#include "nlp/text/fasttext_tokens.h"

namespace wordloom::embeddings::classifier {
namespace {

using nlp::IsFastTextSpace;

// How many tokens (n-grams, rows) ahead the featurizer and the hidden sum
// fetch table slots and rows: enough to cover a cache miss at a few
// nanoseconds of work per token.
constexpr size_t kPrefetchAhead = 16;

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
    size_t pos = 0;
    for (std::string_view token = nlp::NextFastTextToken(text, &pos); !token.empty();
         token = nlp::NextFastTextToken(text, &pos)) {
      if (!IsLabelToken(token)) scratch->tokens.push_back(token);
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
  featurizer->bucket_rows_.Build(data.bucket_ids, static_cast<int32_t>(data.words.size()),
                                 data.buckets);
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
// over the bytes splits and hashes (FastTextHash, inline) each token, then
// the word ids are looked up with the table slots and characters fetched a
// few tokens ahead (long documents are bound by cache misses, not
// arithmetic); same result as Tokenize + FeaturizeTokens.
void Featurizer::FeaturizeWhitespace(std::string_view text, FeatureScratch* scratch,
                                     std::vector<int32_t>* rows) const {
  rows->clear();
  auto& tokens = scratch->tokens;
  auto& hashes = scratch->hashes;
  tokens.clear();
  hashes.clear();
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
    tokens.push_back(token);
    hashes.push_back(hash);
  }
  const size_t n = tokens.size();
  for (size_t i = 0; i < n; ++i) {
    if (i + kPrefetchAhead < n) word_ids_.PrefetchSlot(hashes[i + kPrefetchAhead]);
    if (i + kPrefetchAhead / 2 < n) word_ids_.PrefetchWord(hashes[i + kPrefetchAhead / 2]);
    const int32_t id = word_ids_.Find(tokens[i], hashes[i]);
    if (id >= 0) rows->push_back(id);
  }
  if (eos_id_ >= 0) rows->push_back(eos_id_);
  hashes.push_back(eos_hash_);
  AppendWordNgramRows(scratch, rows);
}

// Rows of the word n-grams over scratch->hashes: buckets computed first,
// then looked up with the table fetched a few n-grams ahead.
void Featurizer::AppendWordNgramRows(FeatureScratch* scratch, std::vector<int32_t>* rows) const {
  if (word_ngrams_ <= 1 || buckets_ == 0) return;
  auto& buckets = scratch->buckets;
  buckets.clear();
  ForEachWordNgram(scratch->hashes, word_ngrams_, buckets_,
                   [&](uint64_t bucket) { buckets.push_back(static_cast<uint32_t>(bucket)); });
  if (dense_buckets_) {
    for (uint32_t bucket : buckets) AppendBucketRow(bucket, rows);
    return;
  }
  const size_t n = buckets.size();
  for (size_t i = 0; i < n; ++i) {
    if (i + kPrefetchAhead < n) bucket_rows_.Prefetch(buckets[i + kPrefetchAhead]);
    const int32_t row = bucket_rows_.Find(buckets[i]);
    if (row >= 0) rows->push_back(row);
  }
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
  AppendWordNgramRows(scratch, rows);
}

}  // namespace wordloom::embeddings::classifier
