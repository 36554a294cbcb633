// How the entity tagger tokenizes: nlp/text's Tokenizer (the project's only
// tokenizer) with punctuation kept, URLs / e-mails as single tokens, NFKC
// and case folding for the normalized forms; ill-formed UTF-8 is an error.
// Training (over CoNLL words joined by spaces) and tagging share this, so
// the model sees the same tokens in both.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_TOKENS_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_TOKENS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "nlp/analyze/entities/features.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::entities {

nlp::TokenizerOptions TaggingTokenizerOptions();

// Byte length of a possessive "'s" / "'S" / "’s" ending `word` (0 if none,
// or if nothing would be left).
size_t PossessiveBytes(std::string_view word);

// Tokenizes `text` into `doc` and fills `view` with views into `text` and
// `doc` (valid while both live). A possessive "'s" / "’s" ending a token
// (one token in running text, two words in CoNLL) is left out of its views,
// so "Germany's" has the features of "Germany". Each view word starts at
// its token's first byte. Errors as Tokenizer::Tokenize().
absl::Status TokenizeForTagging(const nlp::Tokenizer& tokenizer, std::string_view text,
                                nlp::TokenizedDoc* doc, TokenView* view);

// The views part of TokenizeForTagging: `doc` is `text` tokenized with
// TaggingTokenizerOptions().
void ViewTokens(std::string_view text, const nlp::TokenizedDoc& doc, TokenView* view);

// `words` joined by single spaces; `spans` gets each word's [begin, end).
std::string JoinWords(const std::vector<std::string>& words, std::vector<nlp::Span>* spans);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_TOKENS_H_
