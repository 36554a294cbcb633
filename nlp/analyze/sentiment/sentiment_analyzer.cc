#include "nlp/analyze/sentiment/sentiment_analyzer.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/language/model_file.h"
#include "nlp/analyze/sentiment/sentiment_features.h"

namespace wordloom::analyze::sentiment {
namespace {

constexpr std::string_view kKind = "sentiment";
// 2: interpolation and calibration fields; 3: language code (version-2 files
// were all trained on English data and read as "en").
constexpr uint32_t kMinVersion = 2;
constexpr uint32_t kVersion = 3;

absl::Status Validate(const SentimentModelData& d) {
  if (d.keys.size() != d.weights.size()) {
    return absl::InvalidArgumentError("keys and weights differ in size");
  }
  if (!std::isfinite(d.bias)) return absl::InvalidArgumentError("bias is not finite");
  for (size_t i = 0; i < d.keys.size(); ++i) {
    if (i > 0 && d.keys[i - 1] >= d.keys[i]) {
      return absl::InvalidArgumentError("feature keys not strictly ascending");
    }
    if (!std::isfinite(d.weights[i])) return absl::InvalidArgumentError("weight not finite");
  }
  return absl::OkStatus();
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// A known feature as one word: its rank among the model's keys (ascending
// keys, so rank order is key order) above the bits of its weight.
uint64_t PackKnown(uint32_t rank, float weight) {
  return uint64_t{rank} << 32 | std::bit_cast<uint32_t>(weight);
}

// Sorts packed known features by rank: an LSD radix sort over the rank's
// bytes (ranks below `rank_limit`), std::sort for a handful. Equal ranks are
// equal words, so either order is the same.
void SortByRank(std::vector<uint64_t>* v, uint32_t rank_limit, std::vector<uint64_t>* scratch) {
  if (v->size() <= 64) return std::sort(v->begin(), v->end());
  scratch->resize(v->size());
  const int rank_bits = static_cast<int>(std::bit_width(rank_limit));
  for (int shift = 32; shift < 32 + rank_bits; shift += 8) {
    size_t start[257] = {};
    for (uint64_t x : *v) ++start[((x >> shift) & 0xff) + 1];
    for (int b = 0; b < 256; ++b) start[b + 1] += start[b];
    for (uint64_t x : *v) (*scratch)[start[(x >> shift) & 0xff]++] = x;
    v->swap(*scratch);
  }
}

}  // namespace

std::string_view SentimentName(Sentiment sentiment) {
  switch (sentiment) {
    case Sentiment::kPositive: return "POSITIVE";
    case Sentiment::kNegative: return "NEGATIVE";
    case Sentiment::kNeutral: return "NEUTRAL";
    case Sentiment::kMixed: return "MIXED";
  }
  return "NEUTRAL";
}

SentimentScore ComposeScore(double p, double mixed, double neutral_power) {
  if (!(p >= 0)) p = 0;  // also NaN
  if (p > 1) p = 1;
  if (!(mixed >= 0)) mixed = 0;
  if (mixed > 1) mixed = 1;
  const double confidence = std::fabs(2 * p - 1);
  SentimentScore s;
  s.mixed = mixed;
  s.neutral = (1 - mixed) * std::pow(1 - confidence, neutral_power);
  const double rest = std::max(0.0, 1 - mixed - s.neutral);
  s.positive = rest * p;
  s.negative = rest * (1 - p);
  return s;
}

double MixedMass(const std::vector<double>& sentence_p) {
  if (sentence_p.size() < 2) return 0;
  double most_positive = 0;
  double most_negative = 0;
  for (double p : sentence_p) {
    most_positive = std::max(most_positive, 2 * p - 1);
    most_negative = std::max(most_negative, 1 - 2 * p);
  }
  return std::clamp(std::min(most_positive, most_negative), 0.0, 1.0);
}

Sentiment LabelOf(const SentimentScore& s) {
  Sentiment best = Sentiment::kPositive;
  double best_score = s.positive;
  if (s.negative > best_score) best = Sentiment::kNegative, best_score = s.negative;
  if (s.neutral > best_score) best = Sentiment::kNeutral, best_score = s.neutral;
  if (s.mixed > best_score) best = Sentiment::kMixed;
  return best;
}

SentimentAnalyzer::SentimentAnalyzer(SentimentModelData data, SentimentOptions options,
                                     std::unique_ptr<nlp::Tokenizer> tokenizer)
    : data_(std::move(data)), options_(options), tokenizer_(std::move(tokenizer)) {
  known_.reserve(data_.keys.size());
  for (size_t i = 0; i < data_.keys.size(); ++i) {
    known_.emplace(data_.keys[i], PackKnown(static_cast<uint32_t>(i), data_.weights[i]));
  }
}

absl::StatusOr<std::unique_ptr<SentimentAnalyzer>> SentimentAnalyzer::Create(
    SentimentModelData data, const SentimentOptions& options) {
  WL_RETURN_IF_ERROR(Validate(data));
  WL_ASSIGN_OR_RETURN(auto tokenizer, nlp::Tokenizer::Create(SentimentTokenizerOptions()));
  return std::unique_ptr<SentimentAnalyzer>(
      new SentimentAnalyzer(std::move(data), options, std::move(tokenizer)));
}

absl::StatusOr<std::unique_ptr<SentimentAnalyzer>> SentimentAnalyzer::Load(
    const std::string& path, const SentimentOptions& options) {
  WL_ASSIGN_OR_RETURN(ModelReader in, ModelReader::Open(path, kKind, kMinVersion, kVersion));
  SentimentModelData d;
  WL_RETURN_IF_ERROR(in.Get(&d.alpha));
  WL_RETURN_IF_ERROR(in.Get(&d.l2));
  WL_RETURN_IF_ERROR(in.Get(&d.interpolation));
  WL_RETURN_IF_ERROR(in.Get(&d.calibration_scale));
  WL_RETURN_IF_ERROR(in.Get(&d.epochs));
  WL_RETURN_IF_ERROR(in.Get(&d.seed));
  WL_RETURN_IF_ERROR(in.Get(&d.examples));
  WL_RETURN_IF_ERROR(in.Get(&d.bias));
  WL_RETURN_IF_ERROR(in.GetArray(&d.keys));
  WL_RETURN_IF_ERROR(in.GetArray(&d.weights));
  if (in.version() >= 3) WL_RETURN_IF_ERROR(in.GetString(&d.language_code));
  WL_RETURN_IF_ERROR(in.ExpectEnd());
  if (absl::Status s = Validate(d); !s.ok()) return in.Corrupt(ToStd(s.message()));
  return Create(std::move(d), options);
}

absl::Status SentimentAnalyzer::Save(const std::string& path) const {
  ModelWriter out;
  out.Put<double>(data_.alpha);
  out.Put<double>(data_.l2);
  out.Put<double>(data_.interpolation);
  out.Put<double>(data_.calibration_scale);
  out.Put<uint32_t>(data_.epochs);
  out.Put<uint64_t>(data_.seed);
  out.Put<uint64_t>(data_.examples);
  out.Put<double>(data_.bias);
  out.PutArray(data_.keys);
  out.PutArray(data_.weights);
  out.PutString(data_.language_code);
  return out.WriteFile(path, kKind, kVersion);
}

double SentimentAnalyzer::Probability(const std::vector<uint64_t>& hashes,
                                      size_t* known) const {
  // Only the known features, distinct, summed in ascending key order: the
  // same additions in the same order as over the sorted distinct hashes, so
  // bit-identical, without sorting the (many) unknown ones.
  std::vector<uint64_t> found, scratch;
  found.reserve(hashes.size());
  for (uint64_t h : hashes) {
    auto it = known_.find(h);
    if (it != known_.end()) found.push_back(it->second);
  }
  SortByRank(&found, static_cast<uint32_t>(data_.keys.size()), &scratch);
  double z = data_.bias;
  *known = 0;
  for (size_t i = 0; i < found.size(); ++i) {
    if (i > 0 && found[i] == found[i - 1]) continue;
    ++*known;
    z += std::bit_cast<float>(static_cast<uint32_t>(found[i]));
  }
  return *known == 0 ? 0.5 : Sigmoid(z);
}

absl::StatusOr<double> SentimentAnalyzer::PositiveProbability(std::string_view text) const {
  nlp::TokenizedDoc doc;
  WL_RETURN_IF_ERROR(tokenizer_->TokenizeInto(text, &doc));
  std::vector<uint64_t> features;
  AppendFeatureHashes(doc, 0, doc.tokens.size(), &features);
  size_t known = 0;
  return Probability(features, &known);
}

void SentimentAnalyzer::ScoreSentences(const nlp::TokenizedDoc& doc,
                                       const std::vector<nlp::Span>& spans,
                                       SentimentResult* result) const {
  std::vector<uint64_t> features;
  std::vector<double> known_p;
  size_t t = 0;
  for (const nlp::Span& span : spans) {
    while (t < doc.tokens.size() && doc.tokens[t].begin < span.begin) ++t;
    const size_t first = t;
    while (t < doc.tokens.size() && doc.tokens[t].begin < span.end) ++t;
    if (first == t) continue;  // no tokens in this sentence
    features.clear();
    AppendFeatureHashes(doc, first, t, &features);
    SentenceSentiment s{.begin = span.begin, .end = span.end};
    size_t known = 0;
    s.p_positive = Probability(features, &known);
    s.score = ComposeScore(s.p_positive, 0, options_.neutral_power);
    s.sentiment = LabelOf(s.score);
    if (known > 0) known_p.push_back(s.p_positive);
    result->sentences.push_back(s);
  }
  const double mixed = MixedMass(known_p);
  result->score = ComposeScore(result->p_positive, mixed, options_.neutral_power);
  result->sentiment = LabelOf(result->score);
}

namespace {

// InvalidArgument when a text of `size` bytes is over `max_bytes`.
absl::Status CheckSize(size_t size, size_t max_bytes) {
  if (size <= max_bytes) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("text is ", size, " bytes, over the limit of ", max_bytes, " bytes"));
}

}  // namespace

absl::StatusOr<SentimentResult> SentimentAnalyzer::Detect(std::string_view text) const {
  WL_RETURN_IF_ERROR(CheckSize(text.size(), options_.max_bytes));
  nlp::TokenizedDoc doc;
  WL_RETURN_IF_ERROR(tokenizer_->TokenizeInto(text, &doc));
  WL_ASSIGN_OR_RETURN(std::vector<nlp::Span> sentences, tokenizer_->SplitSentences(text));
  return DetectTokens(text, doc, sentences);
}

absl::StatusOr<SentimentResult> SentimentAnalyzer::DetectTokens(
    std::string_view text, const nlp::TokenizedDoc& doc,
    const std::vector<nlp::Span>& sentences) const {
  WL_RETURN_IF_ERROR(CheckSize(text.size(), options_.max_bytes));
  if (doc.tokens.empty()) {
    return absl::InvalidArgumentError("text is empty or only whitespace");
  }
  std::vector<uint64_t> features;
  AppendFeatureHashes(doc, 0, doc.tokens.size(), &features);
  SentimentResult result;
  result.p_positive = Probability(features, &result.known_features);
  ScoreSentences(doc, sentences, &result);
  return result;
}

}  // namespace wordloom::analyze::sentiment
