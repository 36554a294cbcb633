#include "nlp/analyze/entities/tokens.h"

#include "core/status_macros.h"

namespace wordloom::analyze::entities {

size_t PossessiveBytes(std::string_view word) {
  if (word.size() > 2 && (word.substr(word.size() - 2) == "'s" ||
                          word.substr(word.size() - 2) == "'S")) {
    return 2;
  }
  if (word.size() > 4 && word.substr(word.size() - 4) == "\xE2\x80\x99s") return 4;
  return 0;
}

nlp::TokenizerOptions TaggingTokenizerOptions() {
  nlp::TokenizerOptions options;
  options.keep_punctuation = true;
  options.detect_urls_emails = true;
  options.remove_stopwords = false;
  options.normalizer.nfkc = true;
  options.normalizer.case_fold = true;
  options.normalizer.invalid_utf8 = nlp::InvalidUtf8Policy::kError;
  return options;
}

absl::Status TokenizeForTagging(const nlp::Tokenizer& tokenizer, std::string_view text,
                                nlp::TokenizedDoc* doc, TokenView* view) {
  WL_RETURN_IF_ERROR(tokenizer.TokenizeInto(text, doc));
  ViewTokens(text, *doc, view);
  return absl::OkStatus();
}

void ViewTokens(std::string_view text, const nlp::TokenizedDoc& doc, TokenView* view) {
  view->words.clear();
  view->lower.clear();
  view->words.reserve(doc.tokens.size());
  view->lower.reserve(doc.tokens.size());
  for (const nlp::Token& t : doc.tokens) {
    std::string_view word = text.substr(t.begin, t.end - t.begin);
    std::string_view lower = doc.Normalized(t);
    const size_t cut = PossessiveBytes(word);
    if (cut > 0 && PossessiveBytes(lower) == cut) {
      word.remove_suffix(cut);
      lower.remove_suffix(cut);
    }
    view->words.push_back(word);
    view->lower.push_back(lower);
  }
}

std::string JoinWords(const std::vector<std::string>& words, std::vector<nlp::Span>* spans) {
  std::string text;
  spans->clear();
  for (const std::string& w : words) {
    if (!text.empty()) text.push_back(' ');
    spans->push_back({text.size(), text.size() + w.size()});
    text.append(w);
  }
  return text;
}

}  // namespace wordloom::analyze::entities
