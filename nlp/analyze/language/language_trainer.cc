#include "nlp/analyze/language/language_trainer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/language/ngram_features.h"

namespace wordloom::analyze::language {
namespace {

struct UdhrLanguage {
  std::string_view udhr;
  std::string_view iso;
};

// The 50 UDHR variants of the shared sample and Comprehend's codes for them.
// Cantonese (yue) is written in traditional characters: it joins zh-TW.
constexpr UdhrLanguage kUdhr[] = {
    {"eng", "en"},      {"deu_1996", "de"}, {"fra", "fr"},      {"spa", "es"},
    {"ita", "it"},      {"por_PT", "pt"},   {"nld", "nl"},      {"swe", "sv"},
    {"fin", "fi"},      {"pol", "pl"},      {"ces", "cs"},      {"hun", "hu"},
    {"ron_1993", "ro"}, {"bul", "bg"},      {"rus", "ru"},      {"ukr", "uk"},
    {"srp_cyrl", "sr"}, {"hrv", "hr"},      {"ell_monotonic", "el"}, {"tur", "tr"},
    {"arb", "ar"},      {"heb", "he"},      {"pes_1", "fa"},    {"urd", "ur"},
    {"hin", "hi"},      {"ben", "bn"},      {"mar", "mr"},      {"tam", "ta"},
    {"tel", "te"},      {"kan", "kn"},      {"mal", "ml"},      {"guj", "gu"},
    {"pan", "pa"},      {"sin", "si"},      {"tha", "th"},      {"lao", "lo"},
    {"khm", "km"},      {"mya", "my"},      {"kat", "ka"},      {"hye", "hy"},
    {"amh", "am"},      {"swh", "sw"},      {"ind", "id"},      {"vie", "vi"},
    {"tgl", "tl"},      {"cmn_hans", "zh"}, {"cmn_hant", "zh-TW"}, {"yue", "zh-TW"},
    {"jpn", "ja"},      {"kor", "ko"},
};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

using Counts = std::vector<std::pair<uint16_t, uint32_t>>;  // (class, count)

LanguageModelData Finish(std::vector<std::string> codes, const std::vector<uint64_t>& totals,
                         absl::flat_hash_map<uint64_t, Counts>& counts,
                         const LanguageTrainerOptions& options) {
  LanguageModelData d;
  d.max_n = options.max_n;
  d.alpha = options.alpha;
  d.codes = std::move(codes);
  const double vocab = static_cast<double>(counts.size());
  for (uint64_t total : totals) {
    d.unseen_logp.push_back(std::log(options.alpha / (total + options.alpha * vocab)));
  }
  d.keys.reserve(counts.size());
  for (const auto& [key, unused] : counts) d.keys.push_back(key);
  std::sort(d.keys.begin(), d.keys.end());
  d.offsets.push_back(0);
  for (uint64_t key : d.keys) {
    Counts& c = counts[key];
    std::sort(c.begin(), c.end());
    for (const auto& [cls, n] : c) {
      d.entry_class.push_back(cls);
      d.entry_delta.push_back(std::log((n + options.alpha) / options.alpha));
    }
    d.offsets.push_back(d.entry_class.size());
  }
  return d;
}

}  // namespace

std::string_view UdhrToIso(std::string_view udhr_code) {
  for (const UdhrLanguage& l : kUdhr) {
    if (l.udhr == udhr_code) return l.iso;
  }
  return "";
}

absl::StatusOr<LanguageModelData> TrainLanguageModel(const std::vector<LanguageExample>& examples,
                                                     const LanguageTrainerOptions& options) {
  if (examples.empty()) return absl::InvalidArgumentError("no training examples");
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(LanguageTokenizerOptions()));
  std::vector<std::string> codes;
  StringMap<uint16_t> class_of;
  std::vector<uint64_t> totals;
  absl::flat_hash_map<uint64_t, Counts> counts;
  nlp::TokenizedDoc doc;
  std::vector<uint64_t> ngrams;
  for (size_t i = 0; i < examples.size(); ++i) {
    const LanguageExample& ex = examples[i];
    auto [it, added] = class_of.emplace(ex.code, codes.size());
    if (added) {
      codes.push_back(ex.code);
      totals.push_back(0);
    }
    const uint16_t cls = it->second;
    ngrams.clear();
    absl::Status s = ExtractNgrams(*tokenizer, ex.text, options.max_n, &doc, &ngrams);
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("example ", i, " (", ex.code, "): ",
                                                     s.message()));
    }
    totals[cls] += ngrams.size();
    for (uint64_t g : ngrams) {
      Counts& c = counts[g];
      if (!c.empty() && c.back().first == cls) {
        ++c.back().second;
      } else {
        auto pos = std::find_if(c.begin(), c.end(), [&](const auto& p) { return p.first == cls; });
        if (pos == c.end()) {
          c.emplace_back(cls, 1);
        } else {
          ++pos->second;
        }
      }
    }
  }
  return Finish(std::move(codes), totals, counts, options);
}

absl::StatusOr<std::vector<LanguageExample>> ReadUdhr(const std::string& dir,
                                                      const UdhrSelection& selection) {
  std::vector<LanguageExample> examples;
  for (const UdhrLanguage& l : kUdhr) {
    const std::string path = absl::StrCat(dir, "/", ToAbsl(l.udhr), ".txt");
    WL_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
    int index = 0;
    for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipWhitespace())) {
      const int fold = selection.folds > 0 ? index % selection.folds : 0;
      ++index;
      if (selection.folds > 0 && (fold == selection.fold) != selection.heldout) continue;
      if (CodePoints(ToStd(line)) < selection.min_chars) continue;
      examples.push_back({std::string(l.iso), std::string(line)});
    }
  }
  return examples;
}

}  // namespace wordloom::analyze::language
