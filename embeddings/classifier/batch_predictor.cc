#include "embeddings/classifier/batch_predictor.h"

#include <algorithm>
#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "embeddings/classifier/featurizer.h"

namespace wordloom::embeddings::classifier {
namespace {

// Lines per chunk handed to a thread: small enough that threads finish a
// batch together, large enough that claiming a chunk costs nothing.
constexpr size_t kChunkLines = 64;

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
  if (options_.threads > 1) pool_ = std::make_unique<ThreadPool>(options_.threads - 1);
  scratch_.resize(options_.threads);
  predictions_.resize(options_.threads);
}

void BatchPredictor::PredictChunk(const std::vector<std::string_view>& lines, size_t chunk,
                                  size_t thread) {
  std::string& text = outputs_[chunk];
  text.clear();
  const size_t end = std::min(lines.size(), (chunk + 1) * kChunkLines);
  for (size_t i = chunk * kChunkLines; i < end; ++i) {
    model_.Predict(lines[i], options_.k, options_.threshold, &scratch_[thread],
                   &predictions_[thread]);
    AppendPredictProbLine(model_, predictions_[thread], &text);
  }
}

void BatchPredictor::PredictLines(const std::vector<std::string_view>& lines, std::string* out) {
  if (lines.empty()) return;
  const size_t chunks = (lines.size() + kChunkLines - 1) / kChunkLines;
  if (outputs_.size() < chunks) outputs_.resize(chunks);
  std::atomic<size_t> next{0};
  auto work = [&](size_t thread) {
    for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      PredictChunk(lines, c, thread);
    }
  };
  const size_t helpers = std::min(options_.threads - 1, chunks - 1);
  for (size_t t = 1; t <= helpers; ++t) pool_->Schedule([&work, t] { work(t); });
  work(0);
  if (helpers > 0) pool_->Wait();
  for (size_t c = 0; c < chunks; ++c) out->append(outputs_[c]);
}

}  // namespace wordloom::embeddings::classifier
