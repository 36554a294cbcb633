// Hyperparameters of word2vec training. Names follow BlazingText (mode,
// vector_dim, window_size, negative_samples, min_count, epochs,
// sampling_threshold, learning_rate, subwords, min_char, max_char), with
// fastText's defaults where BlazingText leaves them open.
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_TRAIN_OPTIONS_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_TRAIN_OPTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wordloom::embeddings::word2vec {

enum class Mode { kSkipgram, kCbow };
enum class Loss { kNegativeSampling, kHierarchicalSoftmax };

struct TrainOptions {
  // skipgram or cbow ("batch_skipgram" is not offered: CPU only).
  Mode mode = Mode::kSkipgram;
  // Negative sampling (negative_samples per target) or hierarchical softmax.
  Loss loss = Loss::kNegativeSampling;
  // Embedding dimension; must be > 0.
  int32_t vector_dim = 100;
  // Maximum context distance; each position draws b in [1, window_size].
  int32_t window_size = 5;
  // Negative samples per positive example (negative sampling only).
  int32_t negative_samples = 5;
  // Noise distribution of negative sampling: unigram counts^ns_exponent
  // (gensim's name). < 0 (default) picks by mode, as measured on the
  // bench (bench/RESULTS.md, word2vec): 0.5 (fastText 0.9.2's table) for
  // skip-gram with subwords, 0.75 (word2vec.c's) otherwise.
  double ns_exponent = -1;
  // Words seen fewer times are dropped from the vocabulary.
  int64_t min_count = 5;
  // Passes over the corpus; the learning rate decays linearly to 0 over all.
  int32_t epochs = 5;
  // Frequent-word subsampling threshold t: a word of frequency f is kept
  // with probability sqrt(t/f) + t/f (as fastText); 0 disables.
  double sampling_threshold = 1e-4;
  // Initial learning rate.
  float learning_rate = 0.05f;
  // Character n-gram subwords (fastText style) when true, with lengths in
  // [min_char, max_char] hashed into `buckets` rows.
  bool subwords = false;
  int32_t min_char = 3;
  int32_t max_char = 6;
  int32_t buckets = 2000000;
  // Worker threads for Hogwild training (0 = all cores).
  int32_t threads = 0;
  // Seed for initialisation and sampling; runs with threads = 1 are
  // reproducible.
  uint64_t seed = 1;
  // Progress on stderr: auto (TTY), always or never.
  bool force_progress = false;
  bool quiet = false;
};

// The noise exponent `options` train with (ns_exponent, or its default).
double NsExponent(const TrainOptions& options);

// Checks ranges; InvalidArgument naming the bad field.
absl::Status ValidateOptions(const TrainOptions& options);

std::string_view ModeName(Mode mode);
absl::StatusOr<Mode> ParseMode(std::string_view name);

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_TRAIN_OPTIONS_H_
