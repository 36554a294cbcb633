// Runs produce -> work (on N threads) -> consume, delivering results to
// `consume` in the order `produce` made the inputs, in bounded memory.
//
// At most `window` items are between produce and consume at any time: the
// producer waits on a bounded queue and workers wait for the consumer, so a
// slow consumer (stdout, disk) throttles the reader instead of buffering.
// The first error from produce or consume stops the run and is returned.
//
//   absl::Status s = RunOrderedPipeline<Batch, std::string>(
//       {.threads = 4},
//       [&]() -> absl::StatusOr<std::optional<Batch>> { return reader.Next(); },
//       [&](Batch& batch, size_t thread) { return Tokenize(batch); },
//       [&](std::string& out) { return Write(out); });
#ifndef WORDLOOM_CORE_ORDERED_PIPELINE_H_
#define WORDLOOM_CORE_ORDERED_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/bounded_queue.h"
#include "core/thread_pool.h"

namespace wordloom {

struct PipelineOptions {
  // Worker threads; 0 = one per hardware thread.
  size_t threads = 0;
  // Items in flight between produce and consume; 0 = 4 per thread.
  size_t window = 0;
};

template <typename In, typename Out>
absl::Status RunOrderedPipeline(
    PipelineOptions options, const std::function<absl::StatusOr<std::optional<In>>()>& produce,
    const std::function<Out(In&, size_t thread)>& work,
    const std::function<absl::Status(Out&)>& consume) {
  const size_t threads = options.threads ? options.threads : ThreadPool::DefaultThreads();
  const size_t window = options.window ? options.window : 4 * threads;
  BoundedQueue<std::pair<uint64_t, In>> inputs(window);
  absl::Mutex mu;
  std::map<uint64_t, Out> ready;  // guarded by mu
  uint64_t next_to_consume = 0;   // guarded by mu
  uint64_t produced = 0;          // guarded by mu
  bool producer_done = false;     // guarded by mu
  bool stop = false;              // guarded by mu
  absl::Status status;            // guarded by mu

  auto fail = [&](absl::Status s) {
    absl::MutexLock lock(&mu);
    if (status.ok()) status = std::move(s);
    stop = true;
  };

  std::thread producer([&] {
    for (uint64_t seq = 0;; ++seq) {
      {
        absl::MutexLock lock(&mu);
        if (stop) break;
      }
      absl::StatusOr<std::optional<In>> item = produce();
      if (!item.ok()) {
        fail(item.status());
        break;
      }
      if (!item->has_value()) break;
      if (!inputs.Push({seq, std::move(**item)})) break;
      absl::MutexLock lock(&mu);
      produced = seq + 1;
    }
    inputs.Close();
    absl::MutexLock lock(&mu);
    producer_done = true;
  });

  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      while (auto item = inputs.Pop()) {
        Out out = work(item->second, t);
        const uint64_t seq = item->first;
        absl::MutexLock lock(&mu);
        // Bound memory: wait until the consumer is within `window` of us.
        auto may_deposit = [&]() { return stop || seq < next_to_consume + window; };
        mu.Await(absl::Condition(&may_deposit));
        ready.emplace(seq, std::move(out));
      }
    });
  }

  // Consume on the calling thread, strictly in sequence order.
  while (true) {
    std::optional<Out> out;
    {
      absl::MutexLock lock(&mu);
      auto has_next = [&]() {
        return stop || ready.count(next_to_consume) > 0 ||
               (producer_done && next_to_consume >= produced);
      };
      mu.Await(absl::Condition(&has_next));
      if (stop) break;
      auto it = ready.find(next_to_consume);
      if (it == ready.end()) break;  // all produced items consumed
      out.emplace(std::move(it->second));
      ready.erase(it);
      ++next_to_consume;
    }
    absl::Status s = consume(*out);
    if (!s.ok()) {
      fail(std::move(s));
      break;
    }
  }
  inputs.Close();
  // Drain so the producer and workers can finish.
  while (inputs.Pop()) {
  }
  producer.join();
  for (auto& worker : workers) worker.join();
  absl::MutexLock lock(&mu);
  return status;
}

}  // namespace wordloom

#endif  // WORDLOOM_CORE_ORDERED_PIPELINE_H_
