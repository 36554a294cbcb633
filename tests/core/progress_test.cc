// Tests for ProgressReporter: counting, the Line() format, and when it draws.
#include "core/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "tests/test_util.h"

namespace wordloom {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

TEST(ProgressTest, LineWithTotalShowsPercentAndEta) {
  ProgressReporter progress({.label = "tokenize",
                             .unit = "lines",
                             .total_bytes = 4000,
                             .mode = ProgressOptions::Mode::kNever});
  progress.Add(10, 1000);
  progress.Add(5, 1000);
  EXPECT_EQ(progress.items(), 15u);
  EXPECT_EQ(progress.bytes(), 2000u);
  const std::string line = progress.Line();
  EXPECT_THAT(line, StartsWith("tokenize: 15 lines, 2.0 KB, "));
  EXPECT_THAT(line, HasSubstr(" lines/s, "));
  EXPECT_THAT(line, HasSubstr("/s, 50.0%, ETA "));
  EXPECT_THAT(line, MatchesRegex(".*, ETA [0-9hms]+, [0-9hms]+"));
}

TEST(ProgressTest, LineWithoutTotalHasNoEta) {
  ProgressReporter progress({.label = "index", .unit = "docs",
                             .mode = ProgressOptions::Mode::kNever});
  progress.Add(3, 2500000);
  const std::string line = progress.Line();
  EXPECT_THAT(line, StartsWith("index: 3 docs, 2.5 MB, "));
  EXPECT_THAT(line, ::testing::Not(HasSubstr("%")));
  EXPECT_THAT(line, ::testing::Not(HasSubstr("ETA")));
}

TEST(ProgressTest, CompleteShowsHundredPercentWithoutEta) {
  ProgressReporter progress({.total_bytes = 100, .mode = ProgressOptions::Mode::kNever});
  progress.Add(1, 150);
  EXPECT_THAT(progress.Line(), HasSubstr("100.0%"));
  EXPECT_THAT(progress.Line(), ::testing::Not(HasSubstr("ETA")));
}

// Draws into a temporary file and returns what was written.
std::string Drawn(ProgressOptions::Mode mode) {
  const std::string path = testing::TempDir() + "/progress.txt";
  FILE* out = std::fopen(path.c_str(), "w");
  {
    ProgressReporter progress({.label = "job", .mode = mode, .out = out});
    EXPECT_EQ(progress.enabled(), mode == ProgressOptions::Mode::kAlways);
    progress.Add(1, 10);
    progress.Finish();
    progress.Finish();  // idempotent
  }
  std::fclose(out);
  return testing::ReadFile(path);
}

TEST(ProgressTest, NeverModeDrawsNothing) { EXPECT_EQ(Drawn(ProgressOptions::Mode::kNever), ""); }

TEST(ProgressTest, AutoModeDoesNotDrawToAFile) {
  EXPECT_EQ(Drawn(ProgressOptions::Mode::kAuto), "");  // not a terminal
}

TEST(ProgressTest, AlwaysModeDrawsFinalLine) {
  const std::string drawn = Drawn(ProgressOptions::Mode::kAlways);
  EXPECT_THAT(drawn, HasSubstr("job: 1 items, 10.0 B"));
  ASSERT_FALSE(drawn.empty());
  EXPECT_EQ(drawn.back(), '\n');
  // Exactly one final line.
  EXPECT_EQ(std::count(drawn.begin(), drawn.end(), '\n'), 1);
}

TEST(ProgressTest, ConcurrentAddsAreCounted) {
  ProgressReporter progress({.mode = ProgressOptions::Mode::kNever});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) progress.Add(1, 3);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(progress.items(), 40000u);
  EXPECT_EQ(progress.bytes(), 120000u);
}

}  // namespace
}  // namespace wordloom
