// Dominant-language detection (Comprehend's DetectDominantLanguage): a
// multinomial naive Bayes classifier over hashed character 1..5-grams of the
// case-folded words of a text (ngram_features.h).
//
// Immutable after Load()/Create(); Detect() is thread-safe.
//
//   WL_ASSIGN_OR_RETURN(auto langid, LanguageIdentifier::Load("models/language.wlm"));
//   WL_ASSIGN_OR_RETURN(LanguageResult r, langid->Detect("Bonjour tout le monde"));
//   // r.languages[0].code == "fr"
#ifndef WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_IDENTIFIER_H_
#define WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_IDENTIFIER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::language {

// The trained parameters (what the trainer produces and the file holds).
struct LanguageModelData {
  int max_n = 5;
  double alpha = 0.5;                  // additive smoothing used in training
  std::vector<std::string> codes;      // ISO 639-1 (zh, zh-TW, ...) per class
  std::vector<float> unseen_logp;      // per class: log P(unseen n-gram | class)
  std::vector<uint64_t> keys;          // n-gram hashes, ascending
  std::vector<uint32_t> offsets;       // keys.size() + 1 offsets into entries
  std::vector<uint16_t> entry_class;   // classes that saw the n-gram
  std::vector<float> entry_delta;      // log P(g | class) - unseen_logp[class]
};

struct DetectedLanguage {
  std::string code;  // ISO 639-1, or zh-TW for traditional Chinese
  double score = 0;  // in (0, 1]; scores of one result sum to at most 1
};

struct LanguageResult {
  // Best first; at most LanguageIdOptions::max_results entries with score >=
  // min_score. Empty when the text holds no letters or too few n-grams the
  // model knows (an unsupported language or script).
  std::vector<DetectedLanguage> languages;
  size_t ngrams = 0;        // n-grams extracted
  size_t known_ngrams = 0;  // of which the model has seen
};

struct LanguageIdOptions {
  // Texts longer than this many bytes are rejected (Comprehend: 100 KB).
  size_t max_bytes = 100000;
  size_t max_results = 3;
  double min_score = 0.01;
  // Below this fraction of known n-grams the language is "unsupported".
  double min_known_fraction = 0.4;
  // Scores are softmax(log-likelihood / max(1, known_ngrams / evidence)):
  // naive Bayes is overconfident, this keeps scores readable.
  double evidence = 12;
};

class LanguageIdentifier {
 public:
  // Errors: see ModelReader::Open; DataLoss for inconsistent contents.
  static absl::StatusOr<std::unique_ptr<LanguageIdentifier>> Load(
      const std::string& path, const LanguageIdOptions& options = {});
  // From trained parameters (the trainer and tests). InvalidArgument when
  // they are inconsistent.
  static absl::StatusOr<std::unique_ptr<LanguageIdentifier>> Create(
      LanguageModelData data, const LanguageIdOptions& options = {});

  // Writes the model file atomically.
  absl::Status Save(const std::string& path) const;

  // Detects the language(s) of `text`. InvalidArgument for ill-formed UTF-8
  // (naming the byte) or a text over max_bytes. Empty or letter-free text
  // and unsupported scripts give an empty `languages` list, not an error.
  absl::StatusOr<LanguageResult> Detect(std::string_view text) const;

  const std::vector<std::string>& codes() const { return data_.codes; }

 private:
  LanguageIdentifier(LanguageModelData data, LanguageIdOptions options,
                     std::unique_ptr<nlp::Tokenizer> tokenizer);
  void Score(const std::vector<uint64_t>& ngrams, std::vector<double>* scores,
             size_t* known) const;

  const LanguageModelData data_;
  const LanguageIdOptions options_;
  const std::unique_ptr<nlp::Tokenizer> tokenizer_;
  absl::flat_hash_map<uint64_t, uint32_t> index_;  // key -> position in keys
};

}  // namespace wordloom::analyze::language

#endif  // WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_IDENTIFIER_H_
