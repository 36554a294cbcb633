// A progress reporter for long work: items and bytes done, rate, and ETA
// when the total is known, redrawn on one stderr line at most a few times a
// second.
//
// Prints only when stderr is a terminal, or when forced (`--progress`);
// results never go to stderr, so scripts can pipe stdout freely.
// Thread-safe: Add() may be called from any number of worker threads.
//
//   ProgressReporter progress({.label = "tokenize", .total_bytes = size});
//   ... progress.Add(lines, bytes);
//   progress.Finish();
#ifndef WORDLOOM_CORE_PROGRESS_H_
#define WORDLOOM_CORE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/synchronization/mutex.h"

namespace wordloom {

struct ProgressOptions {
  // Shown first on the line, e.g. "index".
  std::string label = "progress";
  // What one item is called ("docs", "lines", "words").
  std::string unit = "items";
  // Total bytes expected; 0 when unknown (then no ETA).
  uint64_t total_bytes = 0;
  // Enabled: kAuto prints when stderr is a TTY; kAlways / kNever force it.
  enum class Mode { kAuto, kAlways, kNever } mode = Mode::kAuto;
  // Minimum time between redraws.
  std::chrono::milliseconds interval{250};
  // Where to draw; stderr unless a test redirects it.
  FILE* out = stderr;
};

class ProgressReporter {
 public:
  explicit ProgressReporter(ProgressOptions options);
  ~ProgressReporter();

  // Records `items` and `bytes` more done; may redraw.
  void Add(uint64_t items, uint64_t bytes);
  // Draws the final line (with a newline). Idempotent.
  void Finish();

  bool enabled() const { return enabled_; }
  uint64_t items() const { return items_.load(std::memory_order_relaxed); }
  uint64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  double ElapsedSeconds() const;

  // Formats the current state as one line (no newline); for tests and logs.
  std::string Line() const;

 private:
  void Draw(bool final);

  const ProgressOptions options_;
  const bool enabled_;
  const std::chrono::steady_clock::time_point start_;
  std::atomic<uint64_t> items_{0};
  std::atomic<uint64_t> bytes_{0};
  std::atomic<int64_t> next_draw_ns_{0};
  absl::Mutex draw_mu_;
  bool finished_ = false;
};

}  // namespace wordloom

#endif  // WORDLOOM_CORE_PROGRESS_H_
