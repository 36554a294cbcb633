// Evaluation of an EntityRecognizer on CoNLL data: conlleval entity-level
// precision / recall / F1 (overall and per type) and the per-entity scores
// with their correctness (for calibrating and checking Score).
//
// Functions only; thread-safe for a shared recognizer.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_EVALUATE_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_EVALUATE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/analyze/entities/conll.h"
#include "nlp/analyze/entities/entity_recognizer.h"

namespace wordloom::analyze::entities {

struct Evaluation {
  ChunkScores scores;
  // (Score, correct) of every guessed entity.
  std::vector<std::pair<double, bool>> scored;
  int64_t tokens = 0;     // words tagged
  double seconds = 0;     // wall time of tagging
};

// Tags every sentence with recognizer.TagWords() and scores it against the
// gold tags. `threads` > 1 tags sentences in parallel.
absl::StatusOr<Evaluation> EvaluateConll(const EntityRecognizer& recognizer,
                                         const std::vector<ConllSentence>& sentences,
                                         size_t threads = 1);

// Reliability of Score: for score bins, how many guessed entities fell in
// the bin and what fraction of them was correct (one line per bin).
std::string FormatCalibration(const Evaluation& eval);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_EVALUATE_H_
