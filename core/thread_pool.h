// A fixed-size pool of worker threads running queued closures.
//
// Thread-safe: Schedule() and Wait() may be called from any thread. The
// destructor waits for queued work to finish and joins the workers.
//
//   ThreadPool pool(4);
//   for (auto& shard : shards) pool.Schedule([&shard] { Process(shard); });
//   pool.Wait();
#ifndef WORDLOOM_CORE_THREAD_POOL_H_
#define WORDLOOM_CORE_THREAD_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace wordloom {

class ThreadPool {
 public:
  // Starts `num_threads` workers; 0 means one per hardware thread.
  explicit ThreadPool(size_t num_threads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `task` to run on some worker.
  void Schedule(std::function<void()> task);

  // Blocks until every task scheduled so far has finished.
  void Wait();

  size_t size() const { return workers_.size(); }

  // The number of hardware threads, at least 1.
  static size_t DefaultThreads();

 private:
  void WorkerLoop();

  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  size_t running_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> workers_;
};

// Runs fn(i) for i in [0, n) on `num_threads` threads (0 = all cores),
// each thread taking a contiguous block; returns when all are done.
void ParallelFor(size_t n, size_t num_threads,
                 const std::function<void(size_t begin, size_t end, size_t thread)>& fn);

}  // namespace wordloom

#endif  // WORDLOOM_CORE_THREAD_POOL_H_
