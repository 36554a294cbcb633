// Loads a training or evaluation corpus from files in any supported format:
// lda-c (ap.dat + vocab.txt), UCI bag-of-words (docword.X.txt + vocab.X.txt)
// or plain text with one document per line. The CLI's one entry point to
// corpora, so commands hold no format logic.
#ifndef WORDLOOM_TOPICS_CORPUS_LOADER_H_
#define WORDLOOM_TOPICS_CORPUS_LOADER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "topics/corpus.h"
#include "topics/text_corpus.h"

namespace wordloom::topics {

struct CorpusSource {
  std::vector<std::string> inputs;  // files; "-" = stdin (text only)
  // auto | lda-c | uci | lines. auto: *.dat -> lda-c, docword* -> uci, else lines.
  std::string format = "auto";
  // Vocabulary file for lda-c / uci; default vocab.txt beside an lda-c file,
  // vocab.X.txt beside docword.X.txt.
  std::string vocab;
  TextCorpusOptions text;  // for lines
};

// The format `path` has under `format` ("auto" resolved).
std::string ResolveFormat(const std::string& format, const std::string& path);

// Loads and concatenates all inputs (bag-of-words formats: exactly one input).
// InvalidArgument for an unknown format, several bag-of-words inputs or bad
// data; errors name the file and line.
absl::StatusOr<Corpus> LoadCorpus(const CorpusSource& source);

// Maps every document onto `target`'s ids by term, dropping unknown terms;
// the corpus' vocabulary becomes a copy of `target`.
void RemapToVocabulary(const nlp::Vocabulary& target, Corpus* corpus);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_CORPUS_LOADER_H_
