#include "core/thread_pool.h"

#include <algorithm>
#include <utility>

namespace wordloom {

size_t ThreadPool::DefaultThreads() {
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

ThreadPool::ThreadPool(size_t num_threads) {
  if (num_threads == 0) num_threads = DefaultThreads();
  workers_.reserve(num_threads);
  for (size_t i = 0; i < num_threads; ++i) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
}

ThreadPool::~ThreadPool() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::Schedule(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  queue_.push_back(std::move(task));
}

void ThreadPool::Wait() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](ThreadPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mu_) {
        return pool->queue_.empty() && pool->running_ == 0;
      },
      this));
}

void ThreadPool::WorkerLoop() {
  while (true) {
    std::function<void()> task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](ThreadPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mu_) {
            return !pool->queue_.empty() || pool->stopping_;
          },
          this));
      // Drain the queue before honouring stop so no scheduled task is lost.
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    task();
    absl::MutexLock lock(&mu_);
    --running_;
  }
}

void ParallelFor(size_t n, size_t num_threads,
                 const std::function<void(size_t, size_t, size_t)>& fn) {
  if (n == 0) return;
  if (num_threads == 0) num_threads = ThreadPool::DefaultThreads();
  num_threads = std::min(num_threads, n);
  if (num_threads == 1) {
    fn(0, n, 0);
    return;
  }
  std::vector<std::thread> threads;
  threads.reserve(num_threads);
  for (size_t t = 0; t < num_threads; ++t) {
    size_t begin = n * t / num_threads;
    size_t end = n * (t + 1) / num_threads;
    threads.emplace_back([&fn, begin, end, t] { fn(begin, end, t); });
  }
  for (auto& thread : threads) thread.join();
}

}  // namespace wordloom
