// The Porter (1980) suffix-stripping stemmer for lower-case English words,
// as in Martin Porter's reference implementation. Used to merge inflected
// keyphrase candidates ("neural networks" / "neural network") and by the
// keyphrase evaluation (exact match after stemming).
//
// Written here because no Debian package ships a C/C++ Porter stemmer
// (libstemmer is not installed); it is the published algorithm, ~150 lines.
// Stateless and thread-safe.
#ifndef WORDLOOM_NLP_ANALYZE_KEYPHRASES_PORTER_STEMMER_H_
#define WORDLOOM_NLP_ANALYZE_KEYPHRASES_PORTER_STEMMER_H_

#include <string>
#include <string_view>

namespace wordloom::nlp {

// The stem of `word` (ASCII lower case a-z expected; words with other
// bytes, and words of 1-2 letters, come back unchanged).
std::string PorterStem(std::string_view word);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_ANALYZE_KEYPHRASES_PORTER_STEMMER_H_
