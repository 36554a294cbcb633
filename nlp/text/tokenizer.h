// The text pipeline every wordloom module uses: UTF-8 check, URL / e-mail
// detection, word segmentation (ASCII fast path or ICU), token classes,
// normalization and optional stopword and punctuation removal.
//
// Immutable after Create(); Tokenize() is thread-safe and may run on many
// threads at once on one Tokenizer.
//
//   WL_ASSIGN_OR_RETURN(auto tokenizer, Tokenizer::Create({}));
//   WL_ASSIGN_OR_RETURN(TokenizedDoc doc, tokenizer->Tokenize(text));
//   for (const Token& t : doc.tokens) Use(doc.Normalized(t), t.begin, t.end);
#ifndef WORDLOOM_NLP_TEXT_TOKENIZER_H_
#define WORDLOOM_NLP_TEXT_TOKENIZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/text/icu_segmenter.h"
#include "nlp/text/normalizer.h"
#include "nlp/text/stopwords.h"
#include "nlp/text/token.h"

namespace wordloom::nlp {

struct TokenizerOptions {
  // NFKC, case folding and the ill-formed UTF-8 policy.
  NormalizerOptions normalizer;
  // ICU locale for segmentation ("" = root rules, right for most languages).
  std::string locale;
  // Keep punctuation and symbol tokens (kPunctuation, kSymbol).
  bool keep_punctuation = true;
  // Find URLs and e-mail addresses and keep each as one token.
  bool detect_urls_emails = true;
  // Drop stopwords: from `stopwords_file` if set, else the built-in list of
  // `stopwords_language`.
  bool remove_stopwords = false;
  std::string stopwords_language = "en";
  std::string stopwords_file;
  // Segment all-ASCII text with the fast path (same tokens as ICU, faster).
  bool ascii_fast_path = true;
  // Texts are segmented in chunks of about this many bytes, cut after
  // whitespace, so arbitrarily long texts need bounded ICU state.
  size_t chunk_bytes = 1 << 20;
};

class Tokenizer {
 public:
  // Errors: NotFound (unknown stopword language or file), Internal (ICU data).
  static absl::StatusOr<std::unique_ptr<Tokenizer>> Create(const TokenizerOptions& options);

  // Tokenizes `text`. InvalidArgument naming the byte offset when it holds
  // ill-formed UTF-8 under the kError policy; under kReplace such bytes read
  // as U+FFFD and offsets still point into `text`.
  absl::StatusOr<TokenizedDoc> Tokenize(std::string_view text) const;
  // As Tokenize(), reusing `doc`'s buffers (cleared first).
  absl::Status TokenizeInto(std::string_view text, TokenizedDoc* doc) const;

  // Sentence spans of `text` (ICU sentence rules), trimmed of whitespace.
  absl::StatusOr<std::vector<Span>> SplitSentences(std::string_view text) const;

  // Word segment spans only, without classes or normalization.
  // `use_fast_path` false forces ICU (for differential tests).
  absl::Status SegmentWords(std::string_view text, bool use_fast_path,
                            std::vector<Span>* out) const;

  const TokenizerOptions& options() const { return options_; }
  const Normalizer& normalizer() const { return *normalizer_; }

 private:
  Tokenizer(TokenizerOptions options, std::unique_ptr<Normalizer> normalizer,
            std::unique_ptr<IcuSegmenter> words, std::unique_ptr<IcuSegmenter> sentences,
            std::unique_ptr<StopwordList> stopwords);
  absl::Status TokenizeChunk(std::string_view chunk, uint64_t base, TokenizedDoc* doc,
                             std::vector<Span>* scratch) const;
  absl::Status SegmentGap(std::string_view text, uint64_t base, bool ascii,
                          std::vector<Span>* out) const;
  void AddToken(std::string_view text, uint64_t base, Span span, TokenClass kind,
                TokenizedDoc* doc) const;

  const TokenizerOptions options_;
  const std::unique_ptr<Normalizer> normalizer_;
  const std::unique_ptr<IcuSegmenter> words_;
  const std::unique_ptr<IcuSegmenter> sentences_;
  const std::unique_ptr<StopwordList> stopwords_;  // null when not removing
};

// Cut points of `text` into chunks of about `chunk_bytes`, each cut just after
// an ASCII whitespace byte when one lies in the last quarter of the chunk,
// else on a code point boundary. Returns chunk end offsets (last = size).
std::vector<size_t> ChunkBoundaries(std::string_view text, size_t chunk_bytes);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_TOKENIZER_H_
