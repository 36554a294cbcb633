// Tests for BoundedQueue: FIFO order, blocking at capacity, Close semantics
// and many producers / consumers.
#include "core/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace wordloom {
namespace {

TEST(BoundedQueueTest, FifoOrder) {
  BoundedQueue<int> queue(4);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(queue.Push(i));
  EXPECT_EQ(queue.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(queue.Pop(), i);
  EXPECT_EQ(queue.size(), 0u);
}

TEST(BoundedQueueTest, ZeroCapacityMeansOne) {
  BoundedQueue<int> queue(0);
  EXPECT_EQ(queue.capacity(), 1u);
}

TEST(BoundedQueueTest, PushBlocksWhileFull) {
  BoundedQueue<int> queue(2);
  ASSERT_TRUE(queue.Push(1));
  ASSERT_TRUE(queue.Push(2));
  std::atomic<bool> pushed{false};
  std::thread producer([&] {
    queue.Push(3);
    pushed = true;
  });
  // The producer cannot finish while the queue is full. (Sleeping only
  // gives it the chance to misbehave; the assertion holds on any schedule.)
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_FALSE(pushed.load());
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue.Pop(), 1);
  producer.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(queue.Pop(), 2);
  EXPECT_EQ(queue.Pop(), 3);
}

TEST(BoundedQueueTest, CloseDrainsThenEnds) {
  BoundedQueue<std::string> queue(8);
  ASSERT_TRUE(queue.Push("a"));
  ASSERT_TRUE(queue.Push("b"));
  queue.Close();
  queue.Close();  // idempotent
  EXPECT_FALSE(queue.Push("c"));
  EXPECT_EQ(queue.Pop(), "a");
  EXPECT_EQ(queue.Pop(), "b");
  EXPECT_EQ(queue.Pop(), std::nullopt);
  EXPECT_EQ(queue.Pop(), std::nullopt);
}

TEST(BoundedQueueTest, CloseWakesBlockedConsumerAndProducer) {
  BoundedQueue<int> empty(1);
  std::thread consumer([&] { EXPECT_EQ(empty.Pop(), std::nullopt); });
  BoundedQueue<int> full(1);
  ASSERT_TRUE(full.Push(0));
  std::thread producer([&] { EXPECT_FALSE(full.Push(1)); });
  absl::SleepFor(absl::Milliseconds(20));
  empty.Close();
  full.Close();
  consumer.join();
  producer.join();
  EXPECT_EQ(full.Pop(), 0);
  EXPECT_EQ(full.Pop(), std::nullopt);
}

TEST(BoundedQueueTest, ManyProducersAndConsumersNeverExceedCapacity) {
  constexpr int kProducers = 4, kConsumers = 3, kPerProducer = 5000;
  constexpr size_t kCapacity = 3;
  BoundedQueue<int> queue(kCapacity);
  std::atomic<int64_t> sum{0};
  std::atomic<int> count{0};
  std::atomic<bool> over_capacity{false};
  std::vector<std::thread> producers, consumers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        ASSERT_TRUE(queue.Push(p * kPerProducer + i));
        if (queue.size() > kCapacity) over_capacity = true;
      }
    });
  }
  for (int c = 0; c < kConsumers; ++c) {
    consumers.emplace_back([&] {
      while (auto item = queue.Pop()) {
        sum += *item;
        ++count;
      }
    });
  }
  for (auto& t : producers) t.join();
  queue.Close();
  for (auto& t : consumers) t.join();
  const int64_t n = int64_t{kProducers} * kPerProducer;
  EXPECT_EQ(count.load(), n);
  EXPECT_EQ(sum.load(), n * (n - 1) / 2);
  EXPECT_FALSE(over_capacity.load());
}

}  // namespace
}  // namespace wordloom
