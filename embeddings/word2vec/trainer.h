// word2vec training: skip-gram or CBOW, negative sampling or hierarchical
// softmax, frequent-word subsampling, linear learning-rate decay, optional
// fastText character n-gram subwords, Hogwild threads.
//
// Each thread walks the whole corpus cyclically from its own starting
// sentence (thread t at t/threads of it) until all threads together have
// trained epochs x corpus words, and has its own scratch vectors and random
// generator (seeded from options.seed and the thread
// index); all threads update the shared weight matrices without locks
// (Hogwild, Recht et al. 2011): rows touched at the same time are rare and a
// lost update only adds noise to SGD.
//
//   WL_ASSIGN_OR_RETURN(auto corpus, TrainingCorpus::Build(path, {.min_count = 5}));
//   TrainStats stats;
//   WL_ASSIGN_OR_RETURN(auto vectors, Train(*corpus, options, &stats));
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_TRAINER_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_TRAINER_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/work_control.h"
#include "embeddings/word2vec/train_options.h"
#include "embeddings/word2vec/training_corpus.h"
#include "embeddings/word2vec/word_vectors.h"

namespace wordloom::embeddings::word2vec {

struct TrainStats {
  int32_t threads = 0;
  // Corpus words processed over all epochs (before subsampling).
  int64_t words = 0;
  double seconds = 0;
  double words_per_second_per_thread = 0;
  // Mean loss per prediction in each epoch (all threads together).
  std::vector<double> epoch_loss;
};

// Trains on `corpus`. InvalidArgument for bad options, or naming the corpus
// when it has fewer words than window_size + 1. `stats` may be null.
// `control` (optional) receives the fraction of words trained and is polled
// every few thousand words per thread; when it asks to stop, Train returns
// Cancelled (saying how many words were trained) and no model.
absl::StatusOr<std::unique_ptr<WordVectors>> Train(const TrainingCorpus& corpus,
                                                   const TrainOptions& options,
                                                   TrainStats* stats,
                                                   const WorkControl* control = nullptr);

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_TRAINER_H_
