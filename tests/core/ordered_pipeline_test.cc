// Tests for RunOrderedPipeline: order is kept whatever the worker timing,
// errors from produce and consume stop the run, and at most `window` items
// are in flight.
#include "core/ordered_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace wordloom {
namespace {

// Produces 0..n-1, then end of stream.
std::function<absl::StatusOr<std::optional<int>>()> Counter(int n) {
  auto next = std::make_shared<int>(0);
  return [n, next]() -> absl::StatusOr<std::optional<int>> {
    if (*next >= n) return std::optional<int>();
    return std::optional<int>((*next)++);
  };
}

// Spins for a pseudo-random while so workers finish out of order.
void Jitter(int seed) {
  std::minstd_rand rng(seed);
  int spins = static_cast<int>(rng() % 20000);
  volatile int sink = 0;
  for (int i = 0; i < spins; ++i) sink = sink + i;
  if (rng() % 16 == 0) std::this_thread::yield();
}

TEST(OrderedPipelineTest, OrderPreservedWithManyThreads) {
  constexpr int kItems = 5000;
  std::vector<std::string> results;
  std::vector<int> seen_threads(8, 0);
  absl::Status s = RunOrderedPipeline<int, std::string>(
      {.threads = 8, .window = 5}, Counter(kItems),
      [&](int& x, size_t thread) {
        Jitter(x);
        EXPECT_LT(thread, 8u);
        return std::to_string(x * 3);
      },
      [&](std::string& out) {
        results.push_back(out);
        return absl::OkStatus();
      });
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(results.size(), static_cast<size_t>(kItems));
  for (int i = 0; i < kItems; ++i) ASSERT_EQ(results[i], std::to_string(i * 3)) << i;
}

TEST(OrderedPipelineTest, EmptyInput) {
  int consumed = 0;
  absl::Status s = RunOrderedPipeline<int, int>(
      {.threads = 3}, Counter(0), [](int& x, size_t) { return x; },
      [&](int&) {
        ++consumed;
        return absl::OkStatus();
      });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(consumed, 0);
}

TEST(OrderedPipelineTest, ProduceErrorPropagates) {
  int next = 0;
  std::vector<int> consumed;
  absl::Status s = RunOrderedPipeline<int, int>(
      {.threads = 4, .window = 4},
      [&]() -> absl::StatusOr<std::optional<int>> {
        if (next == 100) return absl::DataLossError("disk went away at item 100");
        return std::optional<int>(next++);
      },
      [](int& x, size_t) { return x; },
      [&](int& x) {
        consumed.push_back(x);
        return absl::OkStatus();
      });
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(s.message(), "disk went away at item 100");
  // Whatever was consumed came in order.
  for (size_t i = 0; i < consumed.size(); ++i) EXPECT_EQ(consumed[i], static_cast<int>(i));
  EXPECT_LE(consumed.size(), 100u);
}

TEST(OrderedPipelineTest, ConsumeErrorStopsTheRun) {
  std::atomic<int> produced{0};
  int consumed = 0;
  absl::Status s = RunOrderedPipeline<int, int>(
      {.threads = 4, .window = 8},
      [&]() -> absl::StatusOr<std::optional<int>> { return std::optional<int>(produced++); },
      [](int& x, size_t) { return x; },
      [&](int& x) -> absl::Status {
        ++consumed;
        if (x == 50) return absl::InternalError("write failed at 50");
        return absl::OkStatus();
      });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(consumed, 51);
  // The infinite producer was stopped soon after the error, not run forever.
  // Bound: consumed + ready window + one per worker + queued window + one.
  EXPECT_LT(produced.load(), 51 + 2 * 8 + 4 + 2);
}

TEST(OrderedPipelineTest, BoundedItemsInFlight) {
  constexpr size_t kWindow = 6;
  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};
  int next = 0;
  absl::Status s = RunOrderedPipeline<int, int>(
      {.threads = 4, .window = kWindow},
      [&]() -> absl::StatusOr<std::optional<int>> {
        if (next == 2000) return std::optional<int>();
        int now = ++in_flight;
        int prev = max_in_flight.load();
        while (now > prev && !max_in_flight.compare_exchange_weak(prev, now)) {
        }
        return std::optional<int>(next++);
      },
      [](int& x, size_t) {
        Jitter(x);
        return x;
      },
      [&](int& x) {
        --in_flight;
        if (x % 100 == 0) std::this_thread::yield();  // a slow consumer
        return absl::OkStatus();
      });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(in_flight.load(), 0);
  // Items between produce and consume: at most window in the input queue,
  // one per worker in hand, window waiting for the consumer, one being
  // produced. The point is that it does not grow with the input size.
  EXPECT_LE(max_in_flight.load(), static_cast<int>(2 * kWindow + 4 + 2));
}

}  // namespace
}  // namespace wordloom
