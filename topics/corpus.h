// A topic-modeling corpus: documents as sequences of term ids into one
// Vocabulary, with a name per document (for doc-topics.csv).
//
// A plain value type; thread-compatible.
#ifndef WORDLOOM_TOPICS_CORPUS_H_
#define WORDLOOM_TOPICS_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "nlp/text/vocabulary.h"

namespace wordloom::topics {

struct Corpus {
  nlp::Vocabulary vocab;
  // docs[d]: the term ids of document d (ids < vocab.size()); may be empty.
  std::vector<std::vector<int32_t>> docs;
  // names[d]: document name, e.g. "ap.dat:12" or "file.txt:3".
  std::vector<std::string> names;

  int64_t NumTokens() const;
  size_t size() const { return docs.size(); }
};

// InvalidArgument when the corpus has no documents or no tokens at all, or
// when an id is out of range of the vocabulary (`source` names it).
absl::Status ValidateCorpus(const Corpus& corpus, std::string_view source);

// Splits off every `every`-th document (1-based positions every, 2*every, ...)
// into a held-out corpus sharing the vocabulary; `every` >= 2.
void SplitHeldOut(Corpus* corpus, int every, Corpus* heldout);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_CORPUS_H_
