// Token classification: a pure function of a token's bytes, so the ICU path
// and the ASCII fast path classify identically by construction.
#ifndef WORDLOOM_NLP_TEXT_TOKEN_CLASS_H_
#define WORDLOOM_NLP_TEXT_TOKEN_CLASS_H_

#include <string_view>

#include "nlp/text/token.h"

namespace wordloom::nlp {

// Class of a non-space segment produced by word segmentation. (URLs and
// e-mail addresses are found before segmentation; see special_spans.h.)
// Rules, in order: any letter or ideograph -> kWord; any emoji code point
// (Extended_Pictographic, regional indicator, keycap) -> kEmoji; any digit ->
// kNumber; first code point in P* -> kPunctuation; in S* -> kSymbol; else kWord.
TokenClass ClassifyToken(std::string_view text);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_TOKEN_CLASS_H_
