// Finds URLs and e-mail addresses in raw text before word segmentation, so
// they come out as single tokens (UAX #29 would split them at every '/').
#ifndef WORDLOOM_NLP_TEXT_SPECIAL_SPANS_H_
#define WORDLOOM_NLP_TEXT_SPECIAL_SPANS_H_

#include <string_view>
#include <vector>

#include "nlp/text/token.h"

namespace wordloom::nlp {

struct SpecialSpan {
  Span span;
  TokenClass kind;  // kUrl or kEmail
};

// Appends, in text order and non-overlapping, every URL and e-mail address:
//  - URL: scheme "http", "https", "ftp" or "file" + "://" + at least one host
//    character, or "www." + a host with a dot; it runs to the next whitespace,
//    quote or angle bracket and drops trailing . , ; : ! ? ) ] ' "
//    (a ')' is kept when the URL holds a matching '(').
//  - e-mail: local part [A-Za-z0-9._%+-]+ '@' domain labels of [A-Za-z0-9-]
//    with a final label of 2+ letters.
// Finding nothing is cheap: the scan is memchr-driven on '@' and ':' / 'w'.
void FindSpecialSpans(std::string_view text, std::vector<SpecialSpan>* out);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_SPECIAL_SPANS_H_
