// Turns CoNLL sentences into what the entity trainer learns from: each
// sentence's words joined by spaces and re-tokenized by the tagging
// tokenizer (tokens.h), with gold BILOU tags on those tokens (a token takes
// the entity of the word it lies in), and gazetteers of the entity names.
//
// Gazetteers for training are built jackknife-style: a sentence's
// gazetteer features come from the entity names of the *other* folds of
// documents, so the tagger learns how far to trust a gazetteer match on
// names it has not seen; the model keeps the gazetteer of all folds.
//
// Not thread-safe; one trainer uses it.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_TRAINING_DATA_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_TRAINING_DATA_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/analyze/entities/conll.h"
#include "nlp/analyze/entities/features.h"
#include "nlp/analyze/entities/gazetteer.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::entities {

struct TrainingSentence {
  std::string text;
  nlp::TokenizedDoc doc;
  TokenView view;         // views into text and doc
  std::vector<int> gold;  // BILOU tag per token
  int fold = 0;
};

struct TrainingSet {
  std::vector<std::string> types;  // sorted type labels
  std::vector<std::unique_ptr<TrainingSentence>> sentences;
  Gazetteer full;                  // names of all training sentences
  std::vector<Gazetteer> folds;    // folds[f]: names outside fold f
};

// InvalidArgument when the data has no entities or more than 8 types.
// `folds` = 0 builds no gazetteers.
absl::StatusOr<TrainingSet> PrepareTrainingSet(const std::vector<ConllSentence>& sentences,
                                               int folds);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_TRAINING_DATA_H_
