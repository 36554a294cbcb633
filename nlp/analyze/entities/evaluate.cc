#include "nlp/analyze/entities/evaluate.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iterator>

#include "absl/strings/str_format.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"

namespace wordloom::analyze::entities {
namespace {

struct Tagged {
  std::vector<std::string> tags;
  std::vector<double> scores;
  absl::Status status;
};

}  // namespace

absl::StatusOr<Evaluation> EvaluateConll(const EntityRecognizer& recognizer,
                                         const std::vector<ConllSentence>& sentences,
                                         size_t threads) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<Tagged> tagged(sentences.size());
  auto tag_range = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      auto tags = recognizer.TagWords(sentences[i].words, &tagged[i].scores);
      if (!tags.ok()) tagged[i].status = tags.status();
      else tagged[i].tags = *std::move(tags);
    }
  };
  if (threads <= 1) {
    tag_range(0, sentences.size());
  } else {
    ThreadPool pool(threads);
    const size_t step = std::max<size_t>(1, sentences.size() / (threads * 8) + 1);
    for (size_t b = 0; b < sentences.size(); b += step) {
      pool.Schedule([&, b] { tag_range(b, std::min(sentences.size(), b + step)); });
    }
    pool.Wait();
  }
  Evaluation eval;
  eval.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (size_t i = 0; i < sentences.size(); ++i) {
    WL_RETURN_IF_ERROR(tagged[i].status);
    AddSentence(sentences[i].tags, tagged[i].tags, &eval.scores);
    eval.tokens += static_cast<int64_t>(sentences[i].words.size());
    const std::vector<Chunk> gold = ExtractChunks(sentences[i].tags);
    const std::vector<Chunk> guess = ExtractChunks(tagged[i].tags);
    for (size_t k = 0; k < guess.size() && k < tagged[i].scores.size(); ++k) {
      const bool correct = std::find(gold.begin(), gold.end(), guess[k]) != gold.end();
      eval.scored.emplace_back(tagged[i].scores[k], correct);
    }
  }
  return eval;
}

std::string FormatCalibration(const Evaluation& eval) {
  static constexpr double kEdges[] = {0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0000001};
  std::string out;
  for (size_t b = 0; b + 1 < std::size(kEdges); ++b) {
    int64_t n = 0, correct = 0;
    double sum = 0;
    for (const auto& [score, ok] : eval.scored) {
      if (score < kEdges[b] || score >= kEdges[b + 1]) continue;
      ++n;
      correct += ok;
      sum += score;
    }
    absl::StrAppendFormat(&out, "Score [%.2f, %.2f): %5d entities, mean Score %.3f, correct %.3f\n",
                          kEdges[b], std::min(kEdges[b + 1], 1.0), n, n ? sum / n : 0.0,
                          n ? static_cast<double>(correct) / n : 0.0);
  }
  return out;
}

}  // namespace wordloom::analyze::entities
