#include "nlp/analyze/language/language_identifier.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/language/model_file.h"
#include "nlp/analyze/language/ngram_features.h"

namespace wordloom::analyze::language {
namespace {

constexpr std::string_view kKind = "language-id/naive-bayes";
constexpr uint32_t kVersion = 1;

absl::Status Validate(const LanguageModelData& d) {
  const size_t classes = d.codes.size();
  if (classes == 0 || classes > 65535) return absl::InvalidArgumentError("model has no classes");
  if (d.max_n < 1 || d.max_n > 8) return absl::InvalidArgumentError("max_n must be in [1, 8]");
  if (d.unseen_logp.size() != classes) {
    return absl::InvalidArgumentError("unseen_logp size differs from the class count");
  }
  if (d.offsets.size() != d.keys.size() + 1 || d.offsets.front() != 0 ||
      d.offsets.back() != d.entry_class.size() || d.entry_class.size() != d.entry_delta.size()) {
    return absl::InvalidArgumentError("n-gram tables have inconsistent sizes");
  }
  for (size_t i = 0; i + 1 < d.offsets.size(); ++i) {
    if (d.offsets[i] > d.offsets[i + 1]) return absl::InvalidArgumentError("offsets not sorted");
  }
  for (uint16_t c : d.entry_class) {
    if (c >= classes) return absl::InvalidArgumentError("n-gram entry names an unknown class");
  }
  return absl::OkStatus();
}

}  // namespace

LanguageIdentifier::LanguageIdentifier(LanguageModelData data, LanguageIdOptions options,
                                       std::unique_ptr<nlp::Tokenizer> tokenizer)
    : data_(std::move(data)), options_(options), tokenizer_(std::move(tokenizer)) {
  index_.reserve(data_.keys.size());
  for (size_t i = 0; i < data_.keys.size(); ++i) index_.emplace(data_.keys[i], i);
}

absl::StatusOr<std::unique_ptr<LanguageIdentifier>> LanguageIdentifier::Create(
    LanguageModelData data, const LanguageIdOptions& options) {
  WL_RETURN_IF_ERROR(Validate(data));
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(LanguageTokenizerOptions()));
  return std::unique_ptr<LanguageIdentifier>(
      new LanguageIdentifier(std::move(data), options, std::move(tokenizer)));
}

absl::StatusOr<std::unique_ptr<LanguageIdentifier>> LanguageIdentifier::Load(
    const std::string& path, const LanguageIdOptions& options) {
  WL_ASSIGN_OR_RETURN(ModelReader in, ModelReader::Open(path, kKind, kVersion));
  LanguageModelData d;
  uint32_t max_n = 0;
  uint32_t classes = 0;
  WL_RETURN_IF_ERROR(in.Get(&max_n));
  WL_RETURN_IF_ERROR(in.Get(&d.alpha));
  WL_RETURN_IF_ERROR(in.Get(&classes));
  d.max_n = static_cast<int>(max_n);
  if (classes > 65535) return in.Corrupt("class count out of range");
  d.codes.resize(classes);
  for (std::string& code : d.codes) WL_RETURN_IF_ERROR(in.GetString(&code));
  WL_RETURN_IF_ERROR(in.GetArray(&d.unseen_logp));
  WL_RETURN_IF_ERROR(in.GetArray(&d.keys));
  WL_RETURN_IF_ERROR(in.GetArray(&d.offsets));
  WL_RETURN_IF_ERROR(in.GetArray(&d.entry_class));
  WL_RETURN_IF_ERROR(in.GetArray(&d.entry_delta));
  WL_RETURN_IF_ERROR(in.ExpectEnd());
  if (absl::Status s = Validate(d); !s.ok()) return in.Corrupt(ToStd(s.message()));
  return Create(std::move(d), options);
}

absl::Status LanguageIdentifier::Save(const std::string& path) const {
  ModelWriter out;
  out.Put<uint32_t>(data_.max_n);
  out.Put<double>(data_.alpha);
  out.Put<uint32_t>(data_.codes.size());
  for (const std::string& code : data_.codes) out.PutString(code);
  out.PutArray(data_.unseen_logp);
  out.PutArray(data_.keys);
  out.PutArray(data_.offsets);
  out.PutArray(data_.entry_class);
  out.PutArray(data_.entry_delta);
  return out.WriteFile(path, kKind, kVersion);
}

void LanguageIdentifier::Score(const std::vector<uint64_t>& ngrams, std::vector<double>* scores,
                               size_t* known) const {
  const size_t classes = data_.codes.size();
  scores->assign(classes, 0.0);
  *known = 0;
  for (uint64_t g : ngrams) {
    auto it = index_.find(g);
    if (it == index_.end()) continue;
    ++*known;
    for (uint32_t e = data_.offsets[it->second]; e < data_.offsets[it->second + 1]; ++e) {
      (*scores)[data_.entry_class[e]] += data_.entry_delta[e];
    }
  }
  for (size_t c = 0; c < classes; ++c) (*scores)[c] += *known * data_.unseen_logp[c];
}

absl::StatusOr<LanguageResult> LanguageIdentifier::Detect(std::string_view text) const {
  if (text.size() > options_.max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("text is ", text.size(),
                                                   " bytes, over the limit of ",
                                                   options_.max_bytes, " bytes"));
  }
  LanguageResult result;
  nlp::TokenizedDoc doc;
  std::vector<uint64_t> ngrams;
  WL_RETURN_IF_ERROR(ExtractNgrams(*tokenizer_, text, data_.max_n, &doc, &ngrams));
  result.ngrams = ngrams.size();
  std::vector<double> scores;
  Score(ngrams, &scores, &result.known_ngrams);
  if (result.known_ngrams == 0 ||
      result.known_ngrams < options_.min_known_fraction * result.ngrams) {
    return result;
  }
  const double scale = 1.0 / std::max(1.0, result.known_ngrams / options_.evidence);
  const double best = *std::max_element(scores.begin(), scores.end());
  double total = 0;
  for (double& s : scores) total += (s = std::exp((s - best) * scale));
  std::vector<size_t> order(scores.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  for (size_t c : order) {
    const double p = scores[c] / total;
    if (result.languages.size() >= options_.max_results || p < options_.min_score) break;
    result.languages.push_back({data_.codes[c], p});
  }
  return result;
}

}  // namespace wordloom::analyze::language
