#include "nlp/analyze/keyphrases/keyphrase_eval.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::nlp {
namespace {

struct Counts {
  double precision = 0, recall = 0, f1 = 0;
  size_t matched = 0, predicted = 0, gold = 0;
};

void Accumulate(size_t matched, size_t predicted, size_t gold, Counts* c) {
  const double p = predicted ? static_cast<double>(matched) / predicted : 0.0;
  const double r = gold ? static_cast<double>(matched) / gold : 0.0;
  c->precision += p;
  c->recall += r;
  c->f1 += p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  c->matched += matched;
  c->predicted += predicted;
  c->gold += gold;
}

AtK Finish(const Counts& c, size_t docs) {
  AtK a;
  const double n = docs ? static_cast<double>(docs) : 1.0;
  a.precision = c.precision / n;
  a.recall = c.recall / n;
  a.f1 = c.f1 / n;
  const double p = c.predicted ? static_cast<double>(c.matched) / c.predicted : 0.0;
  const double r = c.gold ? static_cast<double>(c.matched) / c.gold : 0.0;
  a.micro_f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  return a;
}

}  // namespace

absl::StatusOr<std::vector<LabeledAbstract>> ReadHulthDirectory(const std::string& dir) {
  std::error_code ec;
  std::vector<std::pair<long, std::string>> ids;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!absl::EndsWith(name, ".abstr")) continue;
    const std::string id = name.substr(0, name.size() - 6);
    long n = 0;
    ids.emplace_back(absl::SimpleAtoi(id, &n) ? n : -1, id);
  }
  if (ec) return absl::NotFoundError(absl::StrCat(dir, ": cannot list directory: ", ec.message()));
  if (ids.empty()) return absl::InvalidArgumentError(absl::StrCat(dir, ": no *.abstr files"));
  std::sort(ids.begin(), ids.end());
  std::vector<LabeledAbstract> out;
  for (const auto& [n, id] : ids) {
    LabeledAbstract a;
    a.id = id;
    WL_ASSIGN_OR_RETURN(a.text, ReadFileToString(absl::StrCat(dir, "/", id, ".abstr")));
    WL_ASSIGN_OR_RETURN(std::string gold, ReadFileToString(absl::StrCat(dir, "/", id, ".uncontr")));
    for (absl::string_view g : absl::StrSplit(gold, ';')) {
      std::string phrase = absl::StrJoin(absl::StrSplit(g, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
      if (!phrase.empty()) a.gold.push_back(std::move(phrase));
    }
    out.push_back(std::move(a));
  }
  return out;
}

absl::StatusOr<KeyphraseEvaluation> EvaluateKeyphrases(const KeyphraseExtractor& extractor,
                                                       const std::vector<LabeledAbstract>& data) {
  WL_ASSIGN_OR_RETURN(auto tokenizer, Tokenizer::Create({}));
  Counts c5, c10;
  for (const LabeledAbstract& a : data) {
    absl::flat_hash_set<std::string> gold;
    for (const std::string& g : a.gold) {
      WL_ASSIGN_OR_RETURN(std::string key, StemmedKey(*tokenizer, g));
      if (!key.empty()) gold.insert(std::move(key));
    }
    WL_ASSIGN_OR_RETURN(std::vector<KeyPhrase> phrases, extractor.Extract(a.text));
    std::vector<std::string> predicted;
    for (const KeyPhrase& p : phrases) {
      WL_ASSIGN_OR_RETURN(std::string key, StemmedKey(*tokenizer, p.text));
      if (std::find(predicted.begin(), predicted.end(), key) == predicted.end()) predicted.push_back(key);
      if (predicted.size() == 10) break;
    }
    size_t matched = 0;
    for (size_t i = 0; i < predicted.size(); ++i) {
      if (gold.contains(predicted[i])) ++matched;
      if (i + 1 == 5 || (i + 1 < 5 && i + 1 == predicted.size())) Accumulate(matched, i + 1, gold.size(), &c5);
    }
    if (predicted.empty()) Accumulate(0, 0, gold.size(), &c5);
    Accumulate(matched, predicted.size(), gold.size(), &c10);
  }
  KeyphraseEvaluation e;
  e.documents = data.size();
  e.at5 = Finish(c5, data.size());
  e.at10 = Finish(c10, data.size());
  return e;
}

absl::StatusOr<std::shared_ptr<Vocabulary>> BackgroundFromTexts(const std::vector<std::string>& texts) {
  WL_ASSIGN_OR_RETURN(auto tokenizer, Tokenizer::Create({}));
  auto vocab = std::make_shared<Vocabulary>();
  std::vector<int32_t> ids;
  for (const std::string& text : texts) {
    WL_ASSIGN_OR_RETURN(TokenizedDoc doc, tokenizer->Tokenize(text));
    ids.clear();
    for (const Token& t : doc.tokens) {
      if (t.kind == TokenClass::kWord || t.kind == TokenClass::kNumber) ids.push_back(vocab->Add(doc.Normalized(t)));
    }
    vocab->AddDocument(ids);
  }
  return vocab;
}

}  // namespace wordloom::nlp
