// Keyphrase extraction (Comprehend DetectKeyPhrases): candidate phrases are
// runs of 1..max_words content words (no stopword, punctuation or number
// inside; a hyphen or slash glued between two words joins them; for English
// a few noun-phrase heuristics, see noun_phrase_filter), scored by
//   score(p) = sum over its words of tf(w) x idf(w)      (TF-IDF)
//            x (1 + ln phrase frequency)                  (phrase frequency)
//            x (1 + first_sentence_bonus if it occurs in the first sentence)
//            x length_weight^(words - 1)
// with idf from a background corpus's document frequencies (a corpus store's
// vocabulary) or 1 when there is none, merged by Porter stem, deduplicated,
// and scaled so the best phrase scores 1.
//
// Immutable after Create(); Extract() is thread-safe.
//
//   WL_ASSIGN_OR_RETURN(auto extractor, KeyphraseExtractor::Create({}, background));
//   WL_ASSIGN_OR_RETURN(std::vector<KeyPhrase> phrases, extractor->Extract(text));
#ifndef WORDLOOM_NLP_ANALYZE_KEYPHRASES_KEYPHRASE_EXTRACTOR_H_
#define WORDLOOM_NLP_ANALYZE_KEYPHRASES_KEYPHRASE_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/text/stopwords.h"
#include "nlp/text/token.h"
#include "nlp/text/tokenizer.h"
#include "nlp/text/vocabulary.h"

namespace wordloom::nlp {

struct KeyphraseOptions {
  // Words per phrase.
  size_t min_words = 1;
  size_t max_words = 4;
  // Phrases returned, best first (0 = all candidates).
  size_t max_phrases = 10;
  // Stopwords that cannot be inside a phrase.
  std::string stopwords_language = "en";
  // Score multipliers (see the file comment); chosen on Inspec train with
  // the noun-phrase heuristics and the built-in background.
  double first_sentence_bonus = 1.0;
  double length_weight = 1.1;
  // English only: closer to noun phrases without a tagger -- common verbs of
  // abstracts, modal/discourse words and -ly adverbs split phrases like
  // stopwords, and a phrase may not end in a past participle (-ed) or an
  // adjective suffix (-al, -ous, -ive, -able, ...). Inspec train F1@10 0.235
  // -> 0.275 (bench/RESULTS.md).
  bool noun_phrase_filter = true;
  // Drop a phrase whose words all lie inside a better phrase already taken.
  bool drop_contained = true;
  // Tokenizer used for candidates; must match the background's (a store
  // written by `wordloom index` with default options).
  TokenizerOptions tokenizer;
};

struct KeyPhrase {
  std::string text;    // the first occurrence as written
  double score = 0;    // 0..1, best phrase 1
  Span first;          // UTF-8 byte offsets of the first occurrence
  std::vector<Span> occurrences;  // every occurrence, in text order
};

class KeyphraseExtractor {
 public:
  // `background` (may be null): document frequencies and document count of
  // a corpus, keyed by normalized term. InvalidArgument for bad options.
  static absl::StatusOr<std::unique_ptr<KeyphraseExtractor>> Create(
      const KeyphraseOptions& options, std::shared_ptr<const Vocabulary> background);

  // The key phrases of `text`, best first. InvalidArgument for ill-formed
  // UTF-8 (naming the byte offset).
  absl::StatusOr<std::vector<KeyPhrase>> Extract(std::string_view text) const;
  // As Extract() on `text` already tokenized (`doc`) by a Tokenizer with
  // options().tokenizer, punctuation kept and no stopwords removed — for
  // callers that run several analyzers over one tokenization.
  std::vector<KeyPhrase> ExtractTokens(std::string_view text, const TokenizedDoc& doc) const;

  const KeyphraseOptions& options() const { return options_; }

 private:
  KeyphraseExtractor(KeyphraseOptions options, std::unique_ptr<Tokenizer> tokenizer,
                     std::unique_ptr<StopwordList> stopwords,
                     std::shared_ptr<const Vocabulary> background)
      : options_(std::move(options)), tokenizer_(std::move(tokenizer)),
        stopwords_(std::move(stopwords)), background_(std::move(background)) {}

  double Idf(std::string_view normalized) const;

  KeyphraseOptions options_;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::unique_ptr<StopwordList> stopwords_;
  std::shared_ptr<const Vocabulary> background_;
};

// The words of `text` (word and number tokens, normalized, Porter-stemmed)
// joined by single spaces: the form phrases are compared in, by the
// extractor and by the evaluation (exact match after stemming).
absl::StatusOr<std::string> StemmedKey(const Tokenizer& tokenizer, std::string_view text);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_ANALYZE_KEYPHRASES_KEYPHRASE_EXTRACTOR_H_
