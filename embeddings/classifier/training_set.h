// Turns labelled examples into the classifier's training form once, before
// any epoch: vocabulary (sorted by frequency, min-count pruned), labels
// (sorted by frequency), the set of word n-gram buckets that occur, and per
// example its input rows and label ids as flat arrays. Epochs then only read
// integers (fastText re-reads and re-tokenizes the file every epoch).
//
// Tokenization runs on `threads` threads. Not thread-safe itself.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_TRAINING_SET_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_TRAINING_SET_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "embeddings/classifier/labeled_data.h"
#include "embeddings/classifier/model_data.h"

namespace wordloom::embeddings::classifier {

struct TrainingSetOptions {
  TokenizerMode tokenizer = TokenizerMode::kNlp;
  int32_t word_ngrams = 1;
  uint64_t buckets = 2000000;  // ignored (0) when word_ngrams == 1
  int32_t min_count = 1;       // words seen fewer times get no unigram row
  size_t threads = 0;          // 0 = all cores
};

struct TrainingSet {
  // Everything but the weight matrices: tokenizer, n-gram settings, words,
  // word hashes, labels, label counts, compact bucket ids.
  ModelData skeleton;
  // Example i has input rows features[feature_offsets[i] .. [i+1]) and
  // labels labels[label_offsets[i] .. [i+1]).
  std::vector<int32_t> features;
  std::vector<uint64_t> feature_offsets;
  std::vector<int32_t> labels;
  std::vector<uint64_t> label_offsets;
  // Example i counts tokens[i] tokens as fastText's getLine does: its words
  // (also those below min-count), the end-of-line token and its labels. The
  // learning rate decays with the share of these processed.
  std::vector<uint32_t> tokens;
  uint64_t total_tokens = 0;

  size_t size() const { return feature_offsets.empty() ? 0 : feature_offsets.size() - 1; }
  size_t num_rows() const { return skeleton.words.size() + skeleton.bucket_ids.size(); }
};

// Builds the training set. InvalidArgument if `data` has no example.
absl::StatusOr<TrainingSet> BuildTrainingSet(const LabeledData& data,
                                             const TrainingSetOptions& options);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_TRAINING_SET_H_
