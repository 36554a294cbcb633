// Character n-gram features for language identification.
//
// Text goes through nlp::Tokenizer (NFKC + case folding); each word token,
// padded with a space on both sides, contributes its character n-grams of
// 1..max_n code points, hashed with XXH64 (stable across builds, so hashes
// can live in model files). Numbers, punctuation, symbols, emoji, URLs and
// e-mail addresses carry no language evidence and are skipped.
#ifndef WORDLOOM_NLP_ANALYZE_LANGUAGE_NGRAM_FEATURES_H_
#define WORDLOOM_NLP_ANALYZE_LANGUAGE_NGRAM_FEATURES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::language {

inline constexpr int kMaxNgram = 5;

// Appends the hashed n-grams (1..max_n code points) of the words of `text`
// to `out`. `doc` is scratch. Errors: InvalidArgument for ill-formed UTF-8.
absl::Status ExtractNgrams(const nlp::Tokenizer& tokenizer, std::string_view text, int max_n,
                           nlp::TokenizedDoc* doc, std::vector<uint64_t>* out);

// The tokenizer options language identification uses (and was trained with).
nlp::TokenizerOptions LanguageTokenizerOptions();

}  // namespace wordloom::analyze::language

#endif  // WORDLOOM_NLP_ANALYZE_LANGUAGE_NGRAM_FEATURES_H_
