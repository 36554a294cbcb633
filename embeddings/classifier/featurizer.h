// Text -> feature rows of the classifier's input matrix: tokens (whitespace
// or nlp::Tokenizer, then the end-of-line token), known words' rows, and the
// hashed word n-gram buckets (fastText's hashing, so fastText models load).
//
// TextTokenizer and Featurizer are immutable after Create() and thread-safe;
// per-call state lives in the caller's Scratch (one per thread).
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_FEATURIZER_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_FEATURIZER_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/strings.h"
#include "embeddings/classifier/lookup_tables.h"
#include "embeddings/classifier/model_data.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::embeddings::classifier {

// Per-thread buffers for tokenizing and featurizing.
struct FeatureScratch {
  nlp::TokenizedDoc doc;
  std::vector<std::string_view> tokens;  // views into the text or `doc`
  std::vector<uint32_t> hashes;
  std::vector<int32_t> char_ngrams;
  std::vector<uint32_t> buckets;  // word n-gram buckets of one text
};

// The fastText label marker; tokens starting with it are never words.
inline constexpr std::string_view kLabelPrefix = "__label__";

class TextTokenizer {
 public:
  // Internal if the nlp tokenizer cannot be built.
  static absl::StatusOr<std::unique_ptr<TextTokenizer>> Create(TokenizerMode mode);

  // Fills scratch->tokens with the tokens of `text` followed by kEndOfLine.
  // Tokens starting with kLabelPrefix ("__label__") are labels, not words,
  // and are dropped wherever they stand (as fastText's getLine does).
  // Views stay valid until the next call with the same scratch (and while
  // `text` lives). Never fails: ill-formed UTF-8 reads as U+FFFD.
  void Tokenize(std::string_view text, FeatureScratch* scratch) const;

  TokenizerMode mode() const { return mode_; }

 private:
  TextTokenizer(TokenizerMode mode, std::unique_ptr<nlp::Tokenizer> nlp)
      : mode_(mode), nlp_(std::move(nlp)) {}
  TokenizerMode mode_;
  std::unique_ptr<nlp::Tokenizer> nlp_;  // null in whitespace mode
};

class Featurizer {
 public:
  // Builds lookup tables from `data` (words, hashes, bucket layout); `data`
  // must outlive nothing: everything needed is copied.
  static absl::StatusOr<std::unique_ptr<Featurizer>> Create(const ModelData& data);

  // Appends the input rows of `text` to `rows` (cleared first): known words
  // in order (each followed by its char n-gram rows when the model has
  // subwords), then word n-gram bucket rows. Unknown words add no unigram row
  // but take part in n-grams; n-grams never seen in training (compact
  // layout) add nothing.
  void Featurize(std::string_view text, FeatureScratch* scratch, std::vector<int32_t>* rows) const;

  // Same from already tokenized input (tokens end with kEndOfLine).
  void FeaturizeTokens(FeatureScratch* scratch, std::vector<int32_t>* rows) const;

  const TextTokenizer& tokenizer() const { return *tokenizer_; }
  size_t num_words() const { return word_hashes_.size(); }

 private:
  Featurizer() = default;
  std::unique_ptr<TextTokenizer> tokenizer_;
  WordTable word_ids_;
  std::vector<uint32_t> word_hashes_;
  void FeaturizeWhitespace(std::string_view text, FeatureScratch* scratch,
                           std::vector<int32_t>* rows) const;
  void AppendBucketRow(uint64_t bucket, std::vector<int32_t>* rows) const;
  void AppendWordNgramRows(FeatureScratch* scratch, std::vector<int32_t>* rows) const;
  void AppendCharNgramRows(std::string_view token, FeatureScratch* scratch,
                           std::vector<int32_t>* rows) const;

  uint32_t eos_hash_ = 0;
  int32_t eos_id_ = -1;
  int32_t word_ngrams_ = 1;
  int32_t minn_ = 0;
  int32_t maxn_ = 0;
  uint64_t buckets_ = 0;
  bool dense_buckets_ = false;
  BucketTable bucket_rows_;  // compact layout
};

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_FEATURIZER_H_
