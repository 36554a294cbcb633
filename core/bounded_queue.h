// A bounded multi-producer multi-consumer queue for pipelines.
//
// Push() blocks while the queue is full, which is how back-pressure reaches
// readers; Pop() blocks while it is empty. After Close(), Push() fails and
// Pop() drains what is left, then returns std::nullopt. Thread-safe.
//
//   BoundedQueue<Batch> queue(8);
//   producer: while (auto b = Read()) if (!queue.Push(std::move(*b))) break;
//             queue.Close();
//   consumer: while (auto b = queue.Pop()) Process(*b);
#ifndef WORDLOOM_CORE_BOUNDED_QUEUE_H_
#define WORDLOOM_CORE_BOUNDED_QUEUE_H_

#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace wordloom {

template <typename T>
class BoundedQueue {
 public:
  // `capacity` must be at least 1.
  explicit BoundedQueue(size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Waits for room, then enqueues. Returns false (dropping `item`) if the
  // queue was closed.
  bool Push(T item) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BoundedQueue::CanPush));
    if (closed_) return false;
    items_.push_back(std::move(item));
    return true;
  }

  // Waits for an item; returns std::nullopt once closed and drained.
  std::optional<T> Pop() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &BoundedQueue::CanPop));
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Ends the stream: wakes every waiter. Idempotent.
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  size_t size() const {
    absl::MutexLock lock(&mu_);
    return items_.size();
  }
  size_t capacity() const { return capacity_; }

 private:
  bool CanPush() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closed_ || items_.size() < capacity_;
  }
  bool CanPop() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closed_ || !items_.empty();
  }

  const size_t capacity_;
  mutable absl::Mutex mu_;
  std::deque<T> items_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace wordloom

#endif  // WORDLOOM_CORE_BOUNDED_QUEUE_H_
