#include "nlp/analyze/language/ngram_features.h"

#include <xxhash.h>

#include <string>

#include "core/status_macros.h"

namespace wordloom::analyze::language {
namespace {

// Length of the UTF-8 sequence starting with byte `b` (1 for stray bytes;
// the tokenizer has already validated the text).
int SequenceLength(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b >> 5) == 0x6) return 2;
  if ((b >> 4) == 0xE) return 3;
  if ((b >> 3) == 0x1E) return 4;
  return 1;
}

void WordNgrams(std::string_view word, int max_n, std::string* padded, std::vector<size_t>* starts,
                std::vector<uint64_t>* out) {
  padded->clear();
  padded->push_back(' ');
  padded->append(word);
  padded->push_back(' ');
  starts->clear();
  for (size_t i = 0; i < padded->size(); i += SequenceLength((*padded)[i])) starts->push_back(i);
  starts->push_back(padded->size());
  const size_t chars = starts->size() - 1;
  for (size_t i = 0; i < chars; ++i) {
    for (int n = 1; n <= max_n && i + n <= chars; ++n) {
      if (n == 1 && (*padded)[(*starts)[i]] == ' ') continue;  // a lone space says nothing
      const size_t b = (*starts)[i];
      const size_t e = (*starts)[i + n];
      out->push_back(XXH64(padded->data() + b, e - b, 0x6c616e67));
    }
  }
}

}  // namespace

nlp::TokenizerOptions LanguageTokenizerOptions() {
  nlp::TokenizerOptions options;
  options.keep_punctuation = false;
  return options;
}

absl::Status ExtractNgrams(const nlp::Tokenizer& tokenizer, std::string_view text, int max_n,
                           nlp::TokenizedDoc* doc, std::vector<uint64_t>* out) {
  WL_RETURN_IF_ERROR(tokenizer.TokenizeInto(text, doc));
  std::string padded;
  std::vector<size_t> starts;
  for (const nlp::Token& token : doc->tokens) {
    if (token.kind != nlp::TokenClass::kWord) continue;
    WordNgrams(doc->Normalized(token), max_n, &padded, &starts, out);
  }
  return absl::OkStatus();
}

}  // namespace wordloom::analyze::language
