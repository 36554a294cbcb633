#include "nlp/analyze/keyphrases/keyphrase_extractor.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/keyphrases/porter_stemmer.h"

namespace wordloom::nlp {
namespace {

// A content word of the text.
struct Word {
  Span span;
  std::string_view normalized;
  std::string stem;
};

struct Candidate {
  std::vector<const Word*> words;  // of the first occurrence
  std::vector<Span> occurrences;
};

bool HasLetter(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  }
  return false;
}

// A hyphen or slash glued to the words on both sides joins them.
bool IsJoiner(const TokenizedDoc& doc, size_t i) {
  if (i == 0 || i + 1 >= doc.tokens.size()) return false;
  const Token& t = doc.tokens[i];
  const std::string_view n = doc.Normalized(t);
  return (n == "-" || n == "/") && doc.tokens[i - 1].end == t.begin && doc.tokens[i + 1].begin == t.end &&
         doc.tokens[i - 1].kind == TokenClass::kWord && doc.tokens[i + 1].kind == TokenClass::kWord;
}

// The end of the first sentence (or first line, e.g. a title).
uint64_t FirstSentenceEnd(std::string_view text, const TokenizedDoc& doc) {
  uint64_t end = text.find('\n');
  if (end == std::string_view::npos) end = text.size();
  for (const Token& t : doc.tokens) {
    if (t.begin >= end) break;
    const std::string_view n = doc.Normalized(t);
    if (t.kind == TokenClass::kPunctuation && (n == "." || n == "!" || n == "?")) return t.begin;
  }
  return end;
}

// Runs of content words, split at stopwords, punctuation and numbers.
std::vector<std::vector<Word>> ContentRuns(const TokenizedDoc& doc, const StopwordList& stopwords) {
  std::vector<std::vector<Word>> runs(1);
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    const std::string_view n = doc.Normalized(t);
    if (t.kind == TokenClass::kWord && !stopwords.Contains(n) && HasLetter(n)) {
      runs.back().push_back({{t.begin, t.end}, n, PorterStem(n)});
      continue;
    }
    if (IsJoiner(doc, i) && !runs.back().empty()) continue;
    if (!runs.back().empty()) runs.emplace_back();
  }
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

std::string KeyOf(const std::vector<Word>& run, size_t begin, size_t n) {
  std::string key = run[begin].stem;
  for (size_t k = begin + 1; k < begin + n; ++k) absl::StrAppend(&key, " ", run[k].stem);
  return key;
}

// True when `inner` is a word-aligned part of `outer` (both stemmed keys).
bool ContainsWords(const std::string& outer, const std::string& inner) {
  if (inner.size() >= outer.size()) return false;
  const std::string padded = absl::StrCat(" ", outer, " ");
  return padded.find(absl::StrCat(" ", inner, " ")) != std::string::npos;
}

}  // namespace

absl::StatusOr<std::unique_ptr<KeyphraseExtractor>> KeyphraseExtractor::Create(
    const KeyphraseOptions& options, std::shared_ptr<const Vocabulary> background) {
  if (options.min_words < 1 || options.max_words < options.min_words) {
    return absl::InvalidArgumentError("keyphrases: need 1 <= min_words <= max_words");
  }
  TokenizerOptions tokenizer_options = options.tokenizer;
  tokenizer_options.keep_punctuation = true;  // punctuation splits phrases
  tokenizer_options.remove_stopwords = false;
  WL_ASSIGN_OR_RETURN(auto tokenizer, Tokenizer::Create(tokenizer_options));
  WL_ASSIGN_OR_RETURN(auto stopwords, StopwordList::BuiltIn(options.stopwords_language));
  return std::unique_ptr<KeyphraseExtractor>(new KeyphraseExtractor(
      options, std::move(tokenizer), std::move(stopwords), std::move(background)));
}

double KeyphraseExtractor::Idf(std::string_view normalized) const {
  if (background_ == nullptr) return 1.0;
  const double n = static_cast<double>(background_->num_documents());
  const int32_t id = background_->Find(normalized);
  const double df = id == Vocabulary::kNotFound ? 0.0 : static_cast<double>(background_->DocumentFrequency(id));
  return std::log((n + 1.0) / (df + 1.0)) + 1.0;  // smooth idf, as TfidfWeights
}

absl::StatusOr<std::vector<KeyPhrase>> KeyphraseExtractor::Extract(std::string_view text) const {
  WL_ASSIGN_OR_RETURN(TokenizedDoc doc, tokenizer_->Tokenize(text));
  return ExtractTokens(text, doc);
}

std::vector<KeyPhrase> KeyphraseExtractor::ExtractTokens(std::string_view text,
                                                         const TokenizedDoc& doc) const {
  const std::vector<std::vector<Word>> runs = ContentRuns(doc, *stopwords_);
  absl::flat_hash_map<std::string, double> word_weight;  // stem -> tf x idf
  for (const auto& run : runs) {
    for (const Word& w : run) {
      auto [it, added] = word_weight.try_emplace(w.stem, 0.0);
      it->second += Idf(w.normalized);
    }
  }
  absl::flat_hash_map<std::string, Candidate> candidates;
  std::vector<std::string> order;  // keys by first occurrence
  for (const auto& run : runs) {
    for (size_t begin = 0; begin < run.size(); ++begin) {
      for (size_t n = options_.min_words; n <= options_.max_words && begin + n <= run.size(); ++n) {
        std::string key = KeyOf(run, begin, n);
        auto [it, added] = candidates.try_emplace(key);
        if (added) {
          for (size_t k = begin; k < begin + n; ++k) it->second.words.push_back(&run[k]);
          order.push_back(std::move(key));
        }
        it->second.occurrences.push_back({run[begin].span.begin, run[begin + n - 1].span.end});
      }
    }
  }
  const uint64_t first_sentence_end = FirstSentenceEnd(text, doc);
  std::vector<std::pair<double, const std::string*>> scored;
  for (const std::string& key : order) {
    const Candidate& c = candidates.at(key);
    double score = 0;
    for (const Word* w : c.words) score += word_weight.at(w->stem);
    score *= 1.0 + std::log(static_cast<double>(c.occurrences.size()));
    if (c.occurrences.front().begin < first_sentence_end) score *= 1.0 + options_.first_sentence_bonus;
    score *= std::pow(options_.length_weight, static_cast<double>(c.words.size() - 1));
    scored.emplace_back(score, &key);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<KeyPhrase> out;
  std::vector<const std::string*> taken;
  for (const auto& [score, key] : scored) {
    if (options_.max_phrases > 0 && out.size() >= options_.max_phrases) break;
    if (options_.drop_contained &&
        std::any_of(taken.begin(), taken.end(), [&](const std::string* t) { return ContainsWords(*t, *key); })) {
      continue;
    }
    const Candidate& c = candidates.at(*key);
    KeyPhrase p;
    p.first = c.occurrences.front();
    p.text = std::string(text.substr(p.first.begin, p.first.end - p.first.begin));
    p.score = scored.front().first > 0 ? score / scored.front().first : 0.0;
    p.occurrences = c.occurrences;
    out.push_back(std::move(p));
    taken.push_back(key);
  }
  return out;
}

absl::StatusOr<std::string> StemmedKey(const Tokenizer& tokenizer, std::string_view text) {
  WL_ASSIGN_OR_RETURN(TokenizedDoc doc, tokenizer.Tokenize(text));
  std::string key;
  for (const Token& t : doc.tokens) {
    if (t.kind != TokenClass::kWord && t.kind != TokenClass::kNumber) continue;
    if (!key.empty()) key.push_back(' ');
    key += PorterStem(doc.Normalized(t));
  }
  return key;
}

}  // namespace wordloom::nlp
