// Features of the sentiment model: hashed word unigrams and bigrams over the
// tokens of nlp::Tokenizer (case-folded, punctuation kept), with negation
// scope marking: after a negator ("not", "no", "never", "n't", "isn't", ...)
// every word up to the next clause punctuation or "but" is marked negated, so
// "not good" gives the feature "good" in a negated form distinct from "good".
//
// Features are binarized (each at most once per text) and returned sorted,
// as NB-SVM (Wang & Manning 2012) uses them. Free functions, thread-safe.
#ifndef WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_FEATURES_H_
#define WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_FEATURES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::sentiment {

// Tokenizer options the sentiment model is trained and run with.
nlp::TokenizerOptions SentimentTokenizerOptions();

// Appends the sorted, de-duplicated feature hashes of `text` to `out`
// (cleared first). `doc` is scratch. InvalidArgument for ill-formed UTF-8
// (the tokenizer's error, naming the byte offset).
absl::Status ExtractFeatures(const nlp::Tokenizer& tokenizer, std::string_view text,
                             nlp::TokenizedDoc* doc, std::vector<uint64_t>* out);

// The same from tokens already made (a sentence of a tokenized document):
// tokens [begin, end) of `doc`.
void FeaturesOfTokens(const nlp::TokenizedDoc& doc, size_t begin, size_t end,
                      std::vector<uint64_t>* out);

// The same features unsorted and with repeats, appended to `out` (not
// cleared): for a caller that filters them before ordering them, as
// SentimentAnalyzer does (sorting every hash was ~30% of its cost on 5 KB
// texts).
void AppendFeatureHashes(const nlp::TokenizedDoc& doc, size_t begin, size_t end,
                         std::vector<uint64_t>* out);

}  // namespace wordloom::analyze::sentiment

#endif  // WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_FEATURES_H_
