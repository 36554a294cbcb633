// Builds a Corpus from plain text, one document per line, through
// nlp::Tokenizer (MakeTopicTokenizer): punctuation and stopwords dropped,
// then the vocabulary pruned by minimum count and maximum document fraction.
//
// Not thread-safe; one builder per corpus. Tokenization uses a thread pool.
//
//   TextCorpusBuilder builder(options);
//   WL_RETURN_IF_ERROR(builder.AddFile("news.txt"));
//   WL_ASSIGN_OR_RETURN(Corpus corpus, builder.Finish());
#ifndef WORDLOOM_TOPICS_TEXT_CORPUS_H_
#define WORDLOOM_TOPICS_TEXT_CORPUS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/text/tokenizer.h"
#include "topics/corpus.h"
#include "topics/topic_text.h"

namespace wordloom::topics {

struct TextCorpusOptions {
  TopicTextOptions text;
  // Vocabulary pruning applied by Finish(); min_count 5 and 50% of
  // documents suit corpora of thousands of documents.
  nlp::VocabularyPruneOptions prune = {.min_count = 5, .max_document_fraction = 0.5};
  // Drop tokens shorter than this many bytes.
  size_t min_token_bytes = 2;
  // Tokenizer threads (0 = all cores).
  size_t threads = 0;
};

class TextCorpusBuilder {
 public:
  // NotFound for an unknown stopword language.
  static absl::StatusOr<std::unique_ptr<TextCorpusBuilder>> Create(const TextCorpusOptions& options);

  // Adds each line of `path` ("-" = stdin) as one document named "path:line".
  // Ill-formed UTF-8 reads as U+FFFD; I/O errors name the file.
  absl::Status AddFile(const std::string& path);
  // Adds one document.
  absl::Status AddDocument(std::string name, std::string_view text);
  // Adds documents names[i] with texts[i] (same size), tokenized on the
  // builder's threads; errors name the document.
  absl::Status AddDocuments(std::vector<std::string> names,
                            const std::vector<std::string_view>& texts);

  // Prunes the vocabulary and renumbers the documents. The builder is empty
  // afterwards. InvalidArgument (via ValidateCorpus) for an empty result.
  absl::StatusOr<Corpus> Finish();

 private:
  TextCorpusBuilder(TextCorpusOptions options, std::unique_ptr<nlp::Tokenizer> tokenizer)
      : options_(std::move(options)), tokenizer_(std::move(tokenizer)) {}
  void AddTokens(std::string name, const nlp::TokenizedDoc& doc);

  TextCorpusOptions options_;
  std::unique_ptr<nlp::Tokenizer> tokenizer_;
  Corpus corpus_;
};

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_TEXT_CORPUS_H_
