// The fast path of word segmentation: UAX #29 word boundaries specialised to
// ASCII text, as ICU's root rules apply them. It must give exactly the spans
// IcuSegmenter gives on any ASCII input; tests/nlp/text/fast_path_diff_test
// checks this over a large real corpus.
#ifndef WORDLOOM_NLP_TEXT_ASCII_SEGMENTER_H_
#define WORDLOOM_NLP_TEXT_ASCII_SEGMENTER_H_

#include <string_view>
#include <vector>

#include "nlp/text/token.h"

namespace wordloom::nlp {

// Appends the non-whitespace, non-control word segments of `text` (which must
// be all ASCII), offset by `base`.
void SegmentAsciiWords(std::string_view text, uint64_t base, std::vector<Span>* out);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_ASCII_SEGMENTER_H_
