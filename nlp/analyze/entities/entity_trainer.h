// Training of the entity tagger: an averaged structured perceptron (Collins
// 2002) over the features of features.h and BILOU tag transitions, decoded
// with constrained Viterbi. Sentences are visited in a seeded random order
// each epoch; with development data the averaged model of every epoch is
// scored (conlleval F1) and the best epoch is kept, and the Score
// temperature is then fitted on the development entities (log loss of
// Score against being correct).
//
// Single-threaded and deterministic for a given seed.
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_ENTITY_TRAINER_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_ENTITY_TRAINER_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/analyze/entities/conll.h"
#include "nlp/analyze/entities/entity_recognizer.h"

namespace wordloom::analyze::entities {

struct EpochReport {
  int epoch = 0;           // 1-based
  int64_t mistakes = 0;    // sentences decoded wrongly during the epoch
  double dev_f1 = -1;      // -1 without development data
  double seconds = 0;      // time of the epoch (training + scoring)
};

struct EntityTrainerOptions {
  // Passes over the training data (the best one on dev is kept).
  int epochs = 12;
  uint64_t seed = 1;
  // Jackknife folds for gazetteer features (0: no gazetteer).
  int gazetteer_folds = 10;
  // Features seen fewer times in the training data are dropped.
  int min_feature_count = 1;
  // Word clusters to use as features (optional; stored in the model).
  ClusterMap clusters;
  // Called after every epoch (progress).
  std::function<void(const EpochReport&)> on_epoch;
};

struct EntityTrainingResult {
  EntityModelData model;
  std::vector<EpochReport> epochs;
  int best_epoch = 0;
  double best_dev_f1 = -1;
  size_t features = 0;  // distinct features extracted (before pruning zeros)
};

// InvalidArgument for unusable data (no entities, > 8 types, bad UTF-8).
absl::StatusOr<EntityTrainingResult> TrainEntityModel(const std::vector<ConllSentence>& train,
                                                      const std::vector<ConllSentence>& dev,
                                                      const EntityTrainerOptions& options);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_ENTITY_TRAINER_H_
