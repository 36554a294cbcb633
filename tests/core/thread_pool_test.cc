// Tests for ThreadPool and ParallelFor.
#include "core/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace wordloom {
namespace {

TEST(ThreadPoolTest, RunsEveryTaskAndWaits) {
  ThreadPool pool(4);
  EXPECT_EQ(pool.size(), 4u);
  std::atomic<int> sum{0};
  for (int i = 1; i <= 1000; ++i) pool.Schedule([&sum, i] { sum += i; });
  pool.Wait();
  EXPECT_EQ(sum.load(), 500500);
  // Reusable after Wait().
  for (int i = 0; i < 10; ++i) pool.Schedule([&sum] { ++sum; });
  pool.Wait();
  EXPECT_EQ(sum.load(), 500510);
}

TEST(ThreadPoolTest, UsesSeveralThreads) {
  ThreadPool pool(3);
  std::mutex mu;
  std::set<std::thread::id> ids;
  std::atomic<int> arrived{0};
  // Each task waits until all three have started, which is only possible
  // when they run on three different workers.
  for (int i = 0; i < 3; ++i) {
    pool.Schedule([&] {
      {
        std::lock_guard<std::mutex> lock(mu);
        ids.insert(std::this_thread::get_id());
      }
      ++arrived;
      while (arrived.load() < 3) std::this_thread::yield();
    });
  }
  pool.Wait();
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids.count(std::this_thread::get_id()), 0u);
}

TEST(ThreadPoolTest, DestructorFinishesQueuedWork) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(2);
    for (int i = 0; i < 100; ++i) pool.Schedule([&done] { ++done; });
  }
  EXPECT_EQ(done.load(), 100);
}

TEST(ThreadPoolTest, DefaultSize) {
  EXPECT_GE(ThreadPool::DefaultThreads(), 1u);
  ThreadPool pool(0);
  EXPECT_EQ(pool.size(), ThreadPool::DefaultThreads());
}

TEST(ParallelForTest, CoversRangeExactlyOnceInContiguousBlocks) {
  for (size_t n : {0, 1, 2, 7, 1000}) {
    for (size_t threads : {1, 3, 8}) {
      std::vector<std::atomic<int>> hits(n);
      std::mutex mu;
      std::set<size_t> thread_ids;
      ParallelFor(n, threads, [&](size_t begin, size_t end, size_t thread) {
        EXPECT_LT(begin, end);
        EXPECT_LE(end, n);
        for (size_t i = begin; i < end; ++i) ++hits[i];
        std::lock_guard<std::mutex> lock(mu);
        EXPECT_TRUE(thread_ids.insert(thread).second) << "thread index reused";
        EXPECT_LT(thread, std::max<size_t>(1, std::min(n, threads)));
      });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(hits[i].load(), 1) << n << " " << threads;
      EXPECT_EQ(thread_ids.size(), std::min(n, threads));
    }
  }
}

}  // namespace
}  // namespace wordloom
