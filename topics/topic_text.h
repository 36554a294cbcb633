// How topic models turn text into term ids: one nlp::Tokenizer configured
// the same way at training and inference time (the settings are stored in
// the model file), keeping words and dropping punctuation and stopwords.
#ifndef WORDLOOM_TOPICS_TOPIC_TEXT_H_
#define WORDLOOM_TOPICS_TOPIC_TEXT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/text/token.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::topics {

struct TopicTextOptions {
  // Stopword list language; empty keeps stopwords.
  std::string stopwords_language = "en";
  // Keep only word tokens (drop numbers, symbols, URLs, emoji).
  bool words_only = true;
};

// A tokenizer that drops punctuation and (optionally) stopwords. Errors as
// nlp::Tokenizer::Create (NotFound for an unknown stopword language).
absl::StatusOr<std::unique_ptr<nlp::Tokenizer>> MakeTopicTokenizer(const TopicTextOptions& options);

// True when `token` of a document counts as a topic-model term.
inline bool KeepToken(const nlp::Token& token, const TopicTextOptions& options) {
  return options.words_only ? token.kind == nlp::TokenClass::kWord
                            : token.kind != nlp::TokenClass::kPunctuation &&
                                  token.kind != nlp::TokenClass::kSymbol;
}

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_TOPIC_TEXT_H_
