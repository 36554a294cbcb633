// Training for the language identifier: counts hashed character n-grams per
// language and turns them into smoothed naive Bayes log-probabilities; and a
// reader for the UDHR sample (../shared/corpora/udhr_multilingual) with a
// deterministic k-fold split so accuracy is measured on unseen paragraphs.
#ifndef WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_TRAINER_H_
#define WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_TRAINER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/analyze/language/language_identifier.h"

namespace wordloom::analyze::language {

struct LanguageExample {
  std::string code;  // class label (ISO 639-1)
  std::string text;
};

struct LanguageTrainerOptions {
  int max_n = 5;       // longest n-gram, in code points
  double alpha = 0.5;  // additive smoothing
};

// Trains from labelled texts. InvalidArgument when there are no examples or
// a text is ill-formed UTF-8 (naming the example).
absl::StatusOr<LanguageModelData> TrainLanguageModel(const std::vector<LanguageExample>& examples,
                                                     const LanguageTrainerOptions& options);

// Which UDHR paragraphs to read: paragraph i (0-based, per language, empty
// lines skipped) is in fold i % folds. With folds == 0 every paragraph is
// read; otherwise `heldout` selects fold `fold` only and !heldout all the
// other folds. Paragraphs shorter than min_chars code points are skipped.
struct UdhrSelection {
  int folds = 0;
  int fold = 0;
  bool heldout = false;
  size_t min_chars = 0;
};

// Reads <dir>/<udhr code>.txt for the 50 UDHR variants of the shared sample.
// NotFound when `dir` or a file is missing.
absl::StatusOr<std::vector<LanguageExample>> ReadUdhr(const std::string& dir,
                                                      const UdhrSelection& selection);

// ISO 639-1 code (Comprehend's LanguageCode) of a UDHR file code, e.g.
// "deu_1996" -> "de", "cmn_hant" -> "zh-TW"; "" when unknown.
std::string_view UdhrToIso(std::string_view udhr_code);

}  // namespace wordloom::analyze::language

#endif  // WORDLOOM_NLP_ANALYZE_LANGUAGE_LANGUAGE_TRAINER_H_
