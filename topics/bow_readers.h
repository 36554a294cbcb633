// Readers for bag-of-words corpora that come without text:
//  - lda-c (Blei): one document per line, "M id:count id:count ...", ids
//    0-based lines of a vocabulary file (one term per line).
//  - UCI bag-of-words (NYTimes, PubMed): docword file "D\nW\nNNZ\n" then
//    "docID wordID count" lines (1-based ids), vocab file one term per line.
// Token order inside a document is by term (the format has no order).
//
// Errors name the file and line: InvalidArgument for malformed input,
// NotFound / PermissionDenied for unreadable files.
#ifndef WORDLOOM_TOPICS_BOW_READERS_H_
#define WORDLOOM_TOPICS_BOW_READERS_H_

#include <string>

#include "absl/status/statusor.h"
#include "topics/corpus.h"

namespace wordloom::topics {

absl::StatusOr<Corpus> ReadLdaC(const std::string& data_path, const std::string& vocab_path);
absl::StatusOr<Corpus> ReadUciBagOfWords(const std::string& docword_path,
                                         const std::string& vocab_path);

// Reads one term per line (trailing whitespace/CR trimmed); InvalidArgument on
// an empty or duplicate term.
absl::StatusOr<nlp::Vocabulary> ReadTermList(const std::string& path);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_BOW_READERS_H_
