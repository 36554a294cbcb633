// A document as every reader yields it: an id, its UTF-8 text and metadata,
// plus where it came from (for error messages and the store's doc table).
#ifndef WORDLOOM_CORPORA_DOCUMENT_H_
#define WORDLOOM_CORPORA_DOCUMENT_H_

#include <string>
#include <utility>
#include <vector>

namespace wordloom::corpora {

struct Document {
  // Stable id: the id field/column when the format has one (JSONL, CSV,
  // Reuters NEWID, AP DOCNO), else derived from the source ("file:line",
  // "archive.tar.gz!dir/member.txt").
  std::string id;
  // The text to analyze (not necessarily valid UTF-8: readers pass bytes
  // through; the tokenizer decides).
  std::string text;
  // Extra fields in source order (JSONL string fields, CSV columns, Reuters
  // TOPICS/PLACES/..., the file name), as key/value pairs.
  std::vector<std::pair<std::string, std::string>> metadata;
  // Where the text is: "path", "path:line", "archive!member" or
  // "archive!member:line".
  std::string source;
};

}  // namespace wordloom::corpora

#endif  // WORDLOOM_CORPORA_DOCUMENT_H_
