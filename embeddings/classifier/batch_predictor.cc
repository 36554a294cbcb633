#include "embeddings/classifier/batch_predictor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "embeddings/classifier/featurizer.h"

namespace wordloom::embeddings::classifier {
namespace {

// Lines per thread below which extra threads cost more than they save.
constexpr size_t kMinLinesPerThread = 256;

}  // namespace

void AppendPredictProbLine(const ClassifierModel& model,
                           const std::vector<Prediction>& predictions, std::string* out) {
  bool first = true;
  for (const Prediction& p : predictions) {
    // absl's float formatting is %g with 6 significant digits, which is what
    // std::ostream prints for fastText.
    absl::StrAppend(out, first ? "" : " ", ToAbsl(kLabelPrefix), model.label(p.label), " ",
                    p.probability);
    first = false;
  }
  out->push_back('\n');
}

BatchPredictor::BatchPredictor(const ClassifierModel& model, const BatchPredictorOptions& options)
    : model_(model), options_(options) {
  if (options_.threads == 0) options_.threads = ThreadPool::DefaultThreads();
  scratch_.resize(options_.threads);
  predictions_.resize(options_.threads);
  outputs_.resize(options_.threads);
}

void BatchPredictor::PredictLines(const std::vector<std::string_view>& lines, std::string* out) {
  if (lines.empty()) return;
  const size_t threads =
      std::max<size_t>(1, std::min(options_.threads, lines.size() / kMinLinesPerThread));
  ParallelFor(lines.size(), threads, [&](size_t begin, size_t end, size_t t) {
    std::string& text = outputs_[t];
    text.clear();
    for (size_t i = begin; i < end; ++i) {
      model_.Predict(lines[i], options_.k, options_.threshold, &scratch_[t], &predictions_[t]);
      AppendPredictProbLine(model_, predictions_[t], &text);
    }
  });
  for (size_t t = 0; t < threads; ++t) out->append(outputs_[t]);
}

}  // namespace wordloom::embeddings::classifier
