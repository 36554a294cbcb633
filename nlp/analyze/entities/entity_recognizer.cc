#include "nlp/analyze/entities/entity_recognizer.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/entities/decoder.h"
#include "nlp/analyze/entities/rules.h"
#include "nlp/analyze/entities/tokens.h"

namespace wordloom::analyze::entities {
EntityRecognizer::EntityRecognizer(EntityModelData data, EntityOptions options,
                                   std::unique_ptr<nlp::Tokenizer> tokenizer)
    : data_(std::move(data)),
      options_(options),
      tokenizer_(std::move(tokenizer)),
      tags_(data_.types),
      gazetteer_(data_.gazetteer_keys, data_.gazetteer_types) {
  for (size_t i = 0; i < data_.cluster_keys.size(); ++i) {
    clusters_[data_.cluster_keys[i]] = data_.cluster_ids[i];
  }
  index_.reserve(data_.feature_keys.size());
  for (size_t i = 0; i < data_.feature_keys.size(); ++i) {
    index_[data_.feature_keys[i]] = static_cast<uint32_t>(i);
  }
  const int T = tags_.num_tags();
  constrained_ = data_.transitions;
  constrained_end_ = data_.end;
  float max = 0;
  for (int p = -1; p < T; ++p) {
    for (int t = 0; t < T; ++t) {
      float& v = constrained_[(p + 1) * T + t];
      if (!TagSet::Allowed(p, t)) v = kForbidden;
      else max = std::max(max, v);
    }
    if (p >= 0 && !TagSet::Allowed(p, -1)) constrained_end_[p] = kForbidden;
    else if (p >= 0) max = std::max(max, constrained_end_[p]);
  }
  auto to_exp = [&](float v) {
    return v == kForbidden ? 0.0f : std::exp((v - max) / data_.temperature);
  };
  for (float v : constrained_) exp_trans_.push_back(to_exp(v));
  for (float v : constrained_end_) exp_end_.push_back(to_exp(v));
}

absl::StatusOr<std::unique_ptr<EntityRecognizer>> EntityRecognizer::Create(
    EntityModelData data, const EntityOptions& options) {
  WL_RETURN_IF_ERROR(ValidateModelData(data));
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(TaggingTokenizerOptions()));
  return std::unique_ptr<EntityRecognizer>(
      new EntityRecognizer(std::move(data), options, std::move(tokenizer)));
}

void EntityRecognizer::Tag(const TokenView& view, std::vector<Span>* spans) const {
  spans->clear();
  const int n = static_cast<int>(view.size());
  if (n == 0) return;
  const int T = tags_.num_tags();
  SentenceFeatures feats;
  FeatureExtractor(&gazetteer_, clusters_.empty() ? nullptr : &clusters_).Extract(view, &feats);
  std::vector<float> emit(static_cast<size_t>(n) * T, 0.0f);
  for (int i = 0; i < n; ++i) {
    float* e = &emit[static_cast<size_t>(i) * T];
    for (uint32_t k = feats.offsets[i]; k < feats.offsets[i + 1]; ++k) {
      auto it = index_.find(feats.features[k]);
      if (it == index_.end()) continue;
      const float* w = &data_.weights[static_cast<size_t>(it->second) * T];
      for (int t = 0; t < T; ++t) e[t] += w[t];
    }
  }
  std::vector<int> path;
  Viterbi(emit.data(), n, T, constrained_.data(), constrained_end_.data(), &path);
  std::vector<float> marg;
  Marginals(emit.data(), n, T, exp_trans_.data(), exp_end_.data(), data_.temperature, path,
            &marg);
  for (int i = 0; i < n; ++i) {
    const TagPart part = TagSet::Part(path[i]);
    if (part == TagPart::kO) continue;
    if (part == TagPart::kB || part == TagPart::kU) {
      spans->push_back({static_cast<size_t>(i), static_cast<size_t>(i), TagSet::Type(path[i]), 1.0});
    }
    Span& s = spans->back();
    s.last = static_cast<size_t>(i);
    s.score = std::min<double>(s.score, marg[static_cast<size_t>(i) * T + path[i]]);
  }
}

namespace {

// InvalidArgument when a text of `size` bytes is over `max_bytes`.
absl::Status CheckSize(size_t size, size_t max_bytes) {
  if (size <= max_bytes) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("text of ", size, " bytes is over the limit of ", max_bytes, " bytes"));
}

}  // namespace

std::vector<EntityRecognizer::Span> EntityRecognizer::TagTokens(const nlp::TokenizedDoc& doc,
                                                                const TokenView& view) const {
  std::vector<Span> spans;
  Tag(view, &spans);
  // An entity needs a word or number: spans of only emoji, punctuation or
  // symbols are dropped.
  auto no_word = [&](const Span& s) {
    for (size_t i = s.first; i <= s.last; ++i) {
      const nlp::TokenClass kind = doc.tokens[i].kind;
      if (kind != nlp::TokenClass::kEmoji && kind != nlp::TokenClass::kPunctuation &&
          kind != nlp::TokenClass::kSymbol) {
        return false;
      }
    }
    return true;
  };
  spans.erase(std::remove_if(spans.begin(), spans.end(), no_word), spans.end());
  return spans;
}

absl::StatusOr<std::vector<Entity>> EntityRecognizer::Detect(std::string_view text) const {
  WL_RETURN_IF_ERROR(CheckSize(text.size(), options_.max_bytes));
  nlp::TokenizedDoc doc;
  WL_RETURN_IF_ERROR(tokenizer_->TokenizeInto(text, &doc));
  return DetectTokens(text, doc);
}

absl::StatusOr<std::vector<Entity>> EntityRecognizer::DetectTokens(
    std::string_view text, const nlp::TokenizedDoc& doc) const {
  WL_RETURN_IF_ERROR(CheckSize(text.size(), options_.max_bytes));
  TokenView view;
  ViewTokens(text, doc, &view);
  const std::vector<Span> spans = TagTokens(doc, view);
  std::vector<Entity> out;
  std::vector<uint8_t> taken(view.size(), 0);
  for (const Span& s : spans) {
    Entity e;
    e.type = std::string(ComprehendType(data_.types[s.type]));
    e.score = std::clamp(s.score, 0.0, 1.0);
    e.begin = doc.tokens[s.first].begin;
    e.end = doc.tokens[s.last].begin + view.words[s.last].size();
    for (size_t i = s.first; i <= s.last; ++i) taken[i] = 1;
    out.push_back(std::move(e));
  }
  if (options_.rules) {
    std::vector<RuleMatch> matches;
    FindDatesAndQuantities(view, taken, &matches);
    for (const RuleMatch& m : matches) {
      out.push_back({"", std::string(m.type), m.score, doc.tokens[m.first].begin,
                     doc.tokens[m.last].end});
    }
    std::sort(out.begin(), out.end(),
              [](const Entity& a, const Entity& b) { return a.begin < b.begin; });
  }
  for (Entity& e : out) e.text = std::string(text.substr(e.begin, e.end - e.begin));
  return out;
}

absl::StatusOr<std::vector<std::string>> EntityRecognizer::TagWords(
    const std::vector<std::string>& words, std::vector<double>* chunk_scores) const {
  if (chunk_scores != nullptr) chunk_scores->clear();
  std::vector<nlp::Span> word_spans;
  const std::string text = JoinWords(words, &word_spans);
  nlp::TokenizedDoc doc;
  TokenView view;
  WL_RETURN_IF_ERROR(TokenizeForTagging(*tokenizer_, text, &doc, &view));
  const std::vector<Span> spans = TagTokens(doc, view);
  std::vector<std::string> tags(words.size(), "O");
  size_t w = 0;
  for (const Span& s : spans) {
    const uint64_t begin = doc.tokens[s.first].begin, end = doc.tokens[s.last].end;
    while (w < words.size() && word_spans[w].end <= begin) ++w;
    bool first = true;
    for (size_t j = w; j < words.size() && word_spans[j].begin < end; ++j) {
      if (word_spans[j].begin < begin || word_spans[j].end > end) continue;
      tags[j] = absl::StrCat(first ? "B-" : "I-", data_.types[s.type]);
      if (first && chunk_scores != nullptr) chunk_scores->push_back(s.score);
      first = false;
    }
  }
  return tags;
}

}  // namespace wordloom::analyze::entities
