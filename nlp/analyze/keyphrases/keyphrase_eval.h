// Evaluation of keyphrase extraction on a Hulth-2003 style directory
// (N.abstr = title + abstract, N.uncontr = ';'-separated gold phrases):
// precision, recall and F1 at k (macro: averaged over documents; micro:
// over all matches), exact match after normalization and Porter stemming
// (StemmedKey). Also builds a background vocabulary from texts.
// Functions only; thread-compatible.
#ifndef WORDLOOM_NLP_ANALYZE_KEYPHRASES_KEYPHRASE_EVAL_H_
#define WORDLOOM_NLP_ANALYZE_KEYPHRASES_KEYPHRASE_EVAL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "nlp/text/vocabulary.h"

namespace wordloom::nlp {

struct LabeledAbstract {
  std::string id;
  std::string text;
  std::vector<std::string> gold;
};

// Every N.abstr of `dir` (sorted by N) with its N.uncontr gold phrases.
// NotFound for a missing directory or gold file; InvalidArgument when the
// directory holds no abstracts.
absl::StatusOr<std::vector<LabeledAbstract>> ReadHulthDirectory(const std::string& dir);

struct AtK {
  double precision = 0, recall = 0, f1 = 0;  // macro
  double micro_f1 = 0;
};

struct KeyphraseEvaluation {
  size_t documents = 0;
  AtK at5, at10;
};

// Extracts the top 10 phrases of each abstract and scores them at 5 and 10.
absl::StatusOr<KeyphraseEvaluation> EvaluateKeyphrases(const KeyphraseExtractor& extractor,
                                                       const std::vector<LabeledAbstract>& data);

// Document frequencies of the normalized word tokens of `texts` (one
// document each), tokenized with default tokenizer options: the same counts
// a corpus store of those texts holds.
absl::StatusOr<std::shared_ptr<Vocabulary>> BackgroundFromTexts(const std::vector<std::string>& texts);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_ANALYZE_KEYPHRASES_KEYPHRASE_EVAL_H_
