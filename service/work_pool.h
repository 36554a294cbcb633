// The bounded pool that runs the service's CPU work (tokenizing, inference),
// so gRPC's completion-queue threads and the HTTP event loop never block. When
// `max_pending` tasks are queued or running, TrySchedule refuses and the
// caller answers RESOURCE_EXHAUSTED instead of queueing without bound.
// Calls cheap enough to run on the caller's thread (unary_call.h) count
// against the same limit through TryEnter / Leave, so max_pending bounds
// every analysis call in flight, wherever it runs.
//
// Thread-safe. The destructor runs the queued tasks and joins the workers.
#ifndef WORDLOOM_SERVICE_WORK_POOL_H_
#define WORDLOOM_SERVICE_WORK_POOL_H_

#include <atomic>
#include <cstddef>
#include <functional>

#include "absl/status/status.h"
#include "core/thread_pool.h"

namespace wordloom::service {

class WorkPool {
 public:
  // `threads` workers (0 = one per core); at most `max_pending` tasks queued
  // or running at once.
  WorkPool(size_t threads, size_t max_pending);

  // Queues `task`; ResourceExhausted (naming the limit) when the pool is full.
  absl::Status TrySchedule(std::function<void()> task);

  // Admits one unit of work run by the caller itself: true (pair it with
  // Leave() when done) or false when max_pending are already in flight
  // (answer OverloadedError()). One atomic add, no lock.
  bool TryEnter() {
    if (pending_.fetch_add(1, std::memory_order_relaxed) < max_pending_) return true;
    pending_.fetch_sub(1, std::memory_order_relaxed);
    return false;
  }
  void Leave() { pending_.fetch_sub(1, std::memory_order_relaxed); }
  // ResourceExhausted naming the limit.
  absl::Status OverloadedError() const;

  // Tasks queued or running now, and calls between TryEnter and Leave.
  size_t pending() const { return pending_.load(std::memory_order_relaxed); }
  size_t threads() const { return pool_.size(); }

  // Blocks until every task scheduled so far has finished.
  void Wait() { pool_.Wait(); }

 private:
  const size_t max_pending_;
  std::atomic<size_t> pending_{0};
  ThreadPool pool_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_WORK_POOL_H_
