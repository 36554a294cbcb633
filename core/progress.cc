#include "core/progress.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace wordloom {
namespace {

bool ShouldEnable(const ProgressOptions& options) {
  switch (options.mode) {
    case ProgressOptions::Mode::kAlways:
      return true;
    case ProgressOptions::Mode::kNever:
      return false;
    case ProgressOptions::Mode::kAuto:
      break;
  }
  return options.out != nullptr && ::isatty(::fileno(options.out));
}

std::string HumanBytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int unit = 0;
  while (bytes >= 1000.0 && unit < 4) {
    bytes /= 1000.0;
    ++unit;
  }
  return absl::StrFormat("%.1f %s", bytes, units[unit]);
}

std::string HumanDuration(double seconds) {
  int64_t s = static_cast<int64_t>(seconds + 0.5);
  if (s >= 3600) return absl::StrFormat("%dh%02dm", s / 3600, (s / 60) % 60);
  if (s >= 60) return absl::StrFormat("%dm%02ds", s / 60, s % 60);
  return absl::StrFormat("%ds", s);
}

}  // namespace

ProgressReporter::ProgressReporter(ProgressOptions options)
    : options_(std::move(options)),
      enabled_(ShouldEnable(options_)),
      start_(std::chrono::steady_clock::now()) {}

ProgressReporter::~ProgressReporter() { Finish(); }

double ProgressReporter::ElapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressReporter::Add(uint64_t items, uint64_t bytes) {
  items_.fetch_add(items, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  if (!enabled_) return;
  int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now() - start_)
                    .count();
  int64_t due = next_draw_ns_.load(std::memory_order_relaxed);
  if (now < due) return;
  int64_t next = now + std::chrono::duration_cast<std::chrono::nanoseconds>(options_.interval).count();
  // Only the thread that wins the exchange draws this time.
  if (next_draw_ns_.compare_exchange_strong(due, next)) Draw(false);
}

std::string ProgressReporter::Line() const {
  double elapsed = std::max(ElapsedSeconds(), 1e-9);
  double done_bytes = static_cast<double>(bytes());
  std::string line = absl::StrFormat("%s: %d %s, %s, %.0f %s/s, %s/s", options_.label, items(),
                                     options_.unit, HumanBytes(done_bytes),
                                     items() / elapsed, options_.unit,
                                     HumanBytes(done_bytes / elapsed));
  if (options_.total_bytes > 0) {
    double fraction = std::min(1.0, done_bytes / static_cast<double>(options_.total_bytes));
    absl::StrAppendFormat(&line, ", %.1f%%", 100.0 * fraction);
    if (fraction > 0.0 && fraction < 1.0) {
      absl::StrAppend(&line, ", ETA ", HumanDuration(elapsed * (1.0 - fraction) / fraction));
    }
  }
  absl::StrAppend(&line, ", ", HumanDuration(elapsed));
  return line;
}

void ProgressReporter::Draw(bool final) {
  absl::MutexLock lock(&draw_mu_);
  if (finished_) return;
  std::string line = Line();
  std::fprintf(options_.out, "\r%s\033[K%s", line.c_str(), final ? "\n" : "");
  std::fflush(options_.out);
}

void ProgressReporter::Finish() {
  if (!enabled_) return;
  Draw(true);
  absl::MutexLock lock(&draw_mu_);
  finished_ = true;
}

}  // namespace wordloom
