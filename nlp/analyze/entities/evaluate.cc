#include "nlp/analyze/entities/evaluate.h"

#include <algorithm>
#include <atomic>
#include <chrono>

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

}  // namespace wordloom::analyze::entities
