#include "nlp/analyze/keyphrases/keyphrase_extractor.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
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

// English words that are rarely inside a noun phrase but are not stopwords:
// common verbs of abstracts and reports, modal and discourse words,
// quantifiers. They split runs like a stopword.
bool IsPhraseBreaker(std::string_view w) {
  static const absl::flat_hash_set<std::string_view>* const kWords = new absl::flat_hash_set<std::string_view>{
      "also", "use", "uses", "used", "using", "based", "propose", "proposes", "proposed", "present",
      "presents", "presented", "show", "shows", "shown", "showed", "describe", "describes", "described",
      "discuss", "discusses", "discussed", "obtain", "obtained", "allow", "allows", "allowed", "provide",
      "provides", "provided", "consider", "considered", "develop", "developed", "introduce", "introduced",
      "give", "gives", "given", "make", "makes", "made", "may", "might", "must", "shall", "can", "would",
      "could", "should", "however", "thus", "therefore", "hence", "well", "new", "several", "various",
      "different", "many", "much", "often", "paper", "article", "way", "within", "without", "via", "since",
      "although", "among", "whether", "either", "neither", "upon", "toward", "towards", "etc", "whereas",
      "include", "includes", "included", "including", "become", "becomes", "called", "known", "require",
      "requires", "required", "investigate", "investigated", "studied", "achieve", "achieved", "apply",
      "applied", "applies", "employ", "employs", "employed", "demonstrate", "demonstrated", "yield",
      "yields", "compared", "according", "due", "able", "possible", "existing", "previous", "certain",
      "particular", "respectively", "one", "two", "three", "first", "second", "recent", "like", "get",
      "gets", "take", "takes", "taken", "need", "needs", "needed", "help", "helps", "lead", "leads"};
  return kWords->contains(w);
}

bool EndsWith(std::string_view w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

// An -ly adverb ("recently", "highly"), not a noun like "family".
bool IsAdverb(std::string_view w) {
  static const absl::flat_hash_set<std::string_view>* const kNouns = new absl::flat_hash_set<std::string_view>{
      "family", "supply", "assembly", "anomaly", "monopoly", "oligopoly", "italy", "july", "reply",
      "butterfly", "poly", "rally", "ally", "jelly", "belly", "bully", "gully", "lily", "apply"};
  return w.size() >= 5 && EndsWith(w, "ly") && !kNouns->contains(w);
}

// True when an English noun phrase should not end with `w`: a past
// participle or an adjective by its suffix ("proposed", "numerical",
// "robust" is kept), unless a listed noun. Measured on Inspec train:
// -ic/-ar/-ent/-ant and -ing endings lowered F1, so they are not here.
bool IsBadPhraseEnd(std::string_view w) {
  static const absl::flat_hash_set<std::string_view>* const kNouns = new absl::flat_hash_set<std::string_view>{
      "speed", "seed", "need", "feed", "breed", "creed", "greed", "embed", "shed", "bed", "red", "bleed",
      "hundred", "kindred", "signal", "interval", "material", "terminal", "potential", "proposal",
      "journal", "animal", "hospital", "capital", "total", "individual", "manual", "portal", "tutorial",
      "trial", "denial", "rival", "arrival", "approval", "removal", "retrieval", "survival", "renewal",
      "disposal", "referral", "rental", "criminal", "principal", "professional", "official",
      "original", "chemical", "mineral", "metal", "crystal", "canal", "festival", "integral",
      "differential", "polynomial", "binomial", "spiral", "variable",
      "table", "cable", "vegetable", "syllable", "label"};
  if (kNouns->contains(w)) return false;
  if (w.size() >= 5 && EndsWith(w, "ed")) return true;
  for (std::string_view suffix : {"ous", "ful", "less", "able", "ible", "al", "ive"}) {
    if (EndsWith(w, suffix)) return true;
  }
  return false;
}

// Runs of content words, split at stopwords, punctuation and numbers.
// With `noun_phrases`, IsPhraseBreaker() words and -ly adverbs split too.
std::vector<std::vector<Word>> ContentRuns(const TokenizedDoc& doc, const StopwordList& stopwords,
                                           bool noun_phrases) {
  std::vector<std::vector<Word>> runs(1);
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    const std::string_view n = doc.Normalized(t);
    if (t.kind == TokenClass::kWord && !stopwords.Contains(n) && HasLetter(n) &&
        !(noun_phrases && (IsPhraseBreaker(n) || IsAdverb(n)))) {
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
  const bool noun_phrases = options_.noun_phrase_filter && options_.stopwords_language == "en";
  const std::vector<std::vector<Word>> runs = ContentRuns(doc, *stopwords_, noun_phrases);
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
        if (noun_phrases && IsBadPhraseEnd(run[begin + n - 1].normalized)) continue;
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
