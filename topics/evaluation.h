// Topic model evaluation:
//  - topic coherence of each topic's top terms over a reference corpus,
//    NPMI (Bouma 2009; Lau et al. 2014) and UMass (Mimno et al. 2011), with
//    whole documents or sliding windows of tokens as the co-occurrence unit;
//  - held-out perplexity by document completion (Wallach et al. 2009): the
//    even-position tokens of each held-out document fix its topic
//    proportions by fold-in, the odd-position tokens are scored.
//
// Pure functions over immutable inputs; thread-safe.
#ifndef WORDLOOM_TOPICS_EVALUATION_H_
#define WORDLOOM_TOPICS_EVALUATION_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "topics/inference.h"
#include "topics/lda_model.h"

namespace wordloom::topics {

struct CoherenceOptions {
  // Co-occurrence unit: 0 = whole documents; W > 0 = every window of W
  // consecutive tokens (a document shorter than W is one window).
  int32_t window = 0;
};

struct CoherenceResult {
  // Means over topics; each topic's score is the mean over its term pairs.
  double npmi = 0;
  double umass = 0;
  std::vector<double> npmi_per_topic;
  std::vector<double> umass_per_topic;
};

// Coherence of `topics` (each a list of term ids, best first) over
// `reference` documents of term ids. Per pair of terms (i < j by rank):
//   NPMI = log(P(i,j) / (P(i) P(j))) / -log P(i,j), P = fraction of units
//          holding the terms; -1 when they never co-occur, 1 when P(i,j) = 1;
//   UMass = log((D(i,j) + 1) / D(i)), i the higher-ranked term, D unit counts;
//           pairs whose higher-ranked term never occurs are skipped.
// InvalidArgument when there are no topics or the reference has no units.
absl::StatusOr<CoherenceResult> TopicCoherence(const std::vector<std::vector<int32_t>>& topics,
                                               const std::vector<std::vector<int32_t>>& reference,
                                               const CoherenceOptions& options);

// The top `n` term ids of every topic of `model`.
std::vector<std::vector<int32_t>> TopTermIds(const LdaModel& model, size_t n);

struct PerplexityResult {
  double perplexity = 0;      // exp(-log_likelihood / tokens)
  double log_likelihood = 0;  // natural log, over the scored tokens
  int64_t tokens = 0;         // scored tokens
};

// Document-completion perplexity of `docs` (term ids of the model's
// vocabulary). InvalidArgument when no document has two or more tokens.
absl::StatusOr<PerplexityResult> HeldOutPerplexity(const TopicInferencer& inferencer,
                                                   const std::vector<std::vector<int32_t>>& docs,
                                                   const InferenceOptions& options,
                                                   size_t threads = 0);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_EVALUATION_H_
