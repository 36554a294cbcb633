#include "topics/topic_text.h"

namespace wordloom::topics {

absl::StatusOr<std::unique_ptr<nlp::Tokenizer>> MakeTopicTokenizer(const TopicTextOptions& options) {
  nlp::TokenizerOptions tokenizer;
  tokenizer.keep_punctuation = false;
  tokenizer.normalizer.invalid_utf8 = nlp::InvalidUtf8Policy::kReplace;
  tokenizer.remove_stopwords = !options.stopwords_language.empty();
  if (tokenizer.remove_stopwords) tokenizer.stopwords_language = options.stopwords_language;
  return nlp::Tokenizer::Create(tokenizer);
}

}  // namespace wordloom::topics
