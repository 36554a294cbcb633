// Batch prediction over many lines of text on several threads, formatted as
// `fasttext predict-prob` prints it: one line per input line,
// `__label__A 0.91 __label__B 0.05` (best first; an empty line when nothing
// reaches the threshold).
//
// Lines are handed out in small chunks to whichever thread is free (the
// calling thread works too, on a pool started once): a descheduled or slow
// thread delays a batch by one chunk at most, not by half the batch.
//
// Not thread-safe (owns per-thread scratch); use one BatchPredictor per
// calling thread. The model must outlive it.
//
//   BatchPredictor predictor(*model, {.k = 2});
//   std::string out;
//   predictor.PredictLines(batch.lines, &out);
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_BATCH_PREDICTOR_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_BATCH_PREDICTOR_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/thread_pool.h"
#include "embeddings/classifier/classifier_model.h"

namespace wordloom::embeddings::classifier {

struct BatchPredictorOptions {
  int k = 1;               // labels per line; <= 0 means all
  float threshold = 0.0f;  // minimal probability
  size_t threads = 0;      // 0 = all cores
};

// Appends `predictions` as one predict-prob line (with '\n') to `out`.
void AppendPredictProbLine(const ClassifierModel& model,
                           const std::vector<Prediction>& predictions, std::string* out);

class BatchPredictor {
 public:
  BatchPredictor(const ClassifierModel& model, const BatchPredictorOptions& options);

  // Predicts every line (labels in the line are ignored, as fastText does)
  // and appends the output lines to `out` in input order.
  void PredictLines(const std::vector<std::string_view>& lines, std::string* out);

 private:
  void PredictChunk(const std::vector<std::string_view>& lines, size_t chunk, size_t thread);

  const ClassifierModel& model_;
  BatchPredictorOptions options_;
  std::unique_ptr<ThreadPool> pool_;  // options_.threads - 1 workers
  std::vector<PredictScratch> scratch_;
  std::vector<std::vector<Prediction>> predictions_;
  std::vector<std::string> outputs_;  // per chunk
};

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_BATCH_PREDICTOR_H_
