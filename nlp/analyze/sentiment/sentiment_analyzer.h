// Sentiment detection (Comprehend's DetectSentiment): an NB-weighted logistic
// regression (NB-LR, after NB-SVM, Wang & Manning 2012) over binarized word
// uni- and bigrams with negation marking (sentiment_features.h), giving
// P(positive) for the document and for each sentence (sentences from
// nlp::Tokenizer::SplitSentences).
//
// The four labels and their SentimentScore (each in [0, 1], summing to 1):
//   c = |2p - 1|                         confidence of the binary model, p = P(positive)
//   Mixed    = m = min(max_s(2p_s - 1), max_s(1 - 2p_s)), clamped to [0, 1]:
//              how strongly the most positive sentence is positive AND the
//              most negative one negative (0 for a single sentence);
//   Neutral  = (1 - m) * (1 - c)^neutral_power      (low confidence)
//   Positive = (1 - m - Neutral) * p
//   Negative = (1 - m - Neutral) * (1 - p)
// Sentiment is the label with the largest score (ties: POSITIVE, NEGATIVE,
// NEUTRAL, MIXED). With neutral_power 2 a single sentence is NEUTRAL for p
// in about (0.32, 0.68); "Great food. Awful service." is MIXED. A text none
// of whose features the model knows (emoji only, another language) has
// p = 0.5 and is NEUTRAL with Neutral = 1.
//
// Immutable after Load()/Create(); Detect() is thread-safe.
//
//   WL_ASSIGN_OR_RETURN(auto model, SentimentAnalyzer::Load("models/sentiment.wlm"));
//   WL_ASSIGN_OR_RETURN(SentimentResult r, model->Detect("A wonderful film."));
//   // r.sentiment == Sentiment::kPositive
#ifndef WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_ANALYZER_H_
#define WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::sentiment {

// The trained parameters (what the trainer produces and the file holds).
struct SentimentModelData {
  double bias = 0;
  std::vector<uint64_t> keys;  // feature hashes, strictly ascending
  std::vector<float> weights;  // per key: NB log-count ratio * LR weight
  // Training parameters, recorded in the file for provenance.
  double alpha = 1;
  double l2 = 0;
  double interpolation = 1;
  double calibration_scale = 1;  // Platt scale a applied to the weights
  uint32_t epochs = 0;
  uint64_t seed = 0;
  uint64_t examples = 0;
  // The language of the training data (ISO 639-1): texts in another language
  // are refused (analyze/language/language_gate.h). Version-2 files: "en".
  std::string language_code = "en";
};

enum class Sentiment { kPositive, kNegative, kNeutral, kMixed };

// "POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED" (Comprehend's names).
std::string_view SentimentName(Sentiment sentiment);

struct SentimentScore {
  double positive = 0;
  double negative = 0;
  double neutral = 0;
  double mixed = 0;
};

struct SentenceSentiment {
  uint64_t begin = 0;  // UTF-8 byte offsets of the sentence in the text
  uint64_t end = 0;
  Sentiment sentiment = Sentiment::kNeutral;
  SentimentScore score;
  double p_positive = 0.5;
};

struct SentimentResult {
  Sentiment sentiment = Sentiment::kNeutral;
  SentimentScore score;
  double p_positive = 0.5;    // the binary model's P(positive) for the text
  size_t known_features = 0;  // features of the text the model has weights for
  std::vector<SentenceSentiment> sentences;
};

struct SentimentOptions {
  // Texts longer than this many bytes are rejected (Comprehend's
  // DetectSentiment limit: 5 KB of UTF-8).
  size_t max_bytes = 5000;
  // Exponent of the low-confidence term in Neutral (see above); larger
  // values make NEUTRAL rarer.
  double neutral_power = 2.0;
};

// The SentimentScore of P(positive) `p` with mixed mass `mixed` (rule above).
SentimentScore ComposeScore(double p, double mixed, double neutral_power);
// The mixed mass m of per-sentence P(positive) values (rule above).
double MixedMass(const std::vector<double>& sentence_p);
// The label with the largest score.
Sentiment LabelOf(const SentimentScore& score);

class SentimentAnalyzer {
 public:
  // Errors: see ModelReader::Open; DataLoss for inconsistent contents.
  static absl::StatusOr<std::unique_ptr<SentimentAnalyzer>> Load(
      const std::string& path, const SentimentOptions& options = {});
  // From trained parameters. InvalidArgument when they are inconsistent.
  static absl::StatusOr<std::unique_ptr<SentimentAnalyzer>> Create(
      SentimentModelData data, const SentimentOptions& options = {});

  // Writes the model file atomically.
  absl::Status Save(const std::string& path) const;

  // Sentiment of `text`, for the whole text and per sentence.
  // InvalidArgument: ill-formed UTF-8 (naming the byte offset), a text over
  // max_bytes ("... over the limit ..."), or an empty / whitespace-only text.
  absl::StatusOr<SentimentResult> Detect(std::string_view text) const;
  // As Detect() on `text` already tokenized (`doc`) and split into sentences
  // (`sentences`) by a Tokenizer with SentimentTokenizerOptions() — for
  // callers that run several analyzers over one tokenization.
  absl::StatusOr<SentimentResult> DetectTokens(std::string_view text,
                                               const nlp::TokenizedDoc& doc,
                                               const std::vector<nlp::Span>& sentences) const;

  // P(positive) of one text (no sentence split, no size limit): what the
  // accuracy figures measure. InvalidArgument for ill-formed UTF-8.
  absl::StatusOr<double> PositiveProbability(std::string_view text) const;

  const SentimentModelData& data() const { return data_; }

 private:
  SentimentAnalyzer(SentimentModelData data, SentimentOptions options,
                    std::unique_ptr<nlp::Tokenizer> tokenizer);
  // P(positive) of feature hashes (any order, repeats allowed: each distinct
  // feature counts once); `known` counts the distinct ones with a weight.
  double Probability(const std::vector<uint64_t>& hashes, size_t* known) const;
  void ScoreSentences(const nlp::TokenizedDoc& doc, const std::vector<nlp::Span>& spans,
                      SentimentResult* result) const;

  const SentimentModelData data_;
  const SentimentOptions options_;
  const std::unique_ptr<nlp::Tokenizer> tokenizer_;
  // Feature hash -> PackKnown(rank of the key in data_.keys, its weight).
  absl::flat_hash_map<uint64_t, uint64_t> known_;
};

}  // namespace wordloom::analyze::sentiment

#endif  // WORDLOOM_NLP_ANALYZE_SENTIMENT_SENTIMENT_ANALYZER_H_
