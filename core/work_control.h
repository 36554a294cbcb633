// Cooperative stop and progress hooks for long library work (trainers,
// corpus building), so a caller — the service's job runner, a CLI — can stop
// the work at its next safe point and follow how far it is, without the
// library knowing who asks.
//
//   std::atomic<bool> stop{false};
//   WorkControl control{.stop_requested = [&] { return stop.load(); },
//                       .progress = [&](double f) { Show(f); }};
//   absl::StatusOr<...> model = Train(data, options, &control);  // Cancelled if stopped
//
// Thread-safety: work may call both hooks from several worker threads at
// once, so the functions given must be thread-safe and cheap (they are
// polled every few thousand items). An empty WorkControl (or a null
// pointer where one is accepted) does nothing.
#ifndef WORDLOOM_CORE_WORK_CONTROL_H_
#define WORDLOOM_CORE_WORK_CONTROL_H_

#include <functional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/strings.h"

namespace wordloom {

struct WorkControl {
  // Polled at safe points; once it returns true the work stops soon and
  // returns absl::CancelledError.
  std::function<bool()> stop_requested;
  // The fraction of the work done so far, in [0, 1].
  std::function<void(double fraction)> progress;
};

// True when `control` is set and asks to stop.
inline bool StopRequested(const WorkControl* control) {
  return control != nullptr && control->stop_requested && control->stop_requested();
}

// Reports `fraction` to `control`, if any.
inline void ReportProgress(const WorkControl* control, double fraction) {
  if (control != nullptr && control->progress) control->progress(fraction);
}

// The status work returns when it stopped on request; `where` says how far
// it got, e.g. "after 3 of 10 epochs".
inline absl::Status StoppedError(std::string_view what, std::string_view where) {
  return absl::CancelledError(absl::StrCat(ToAbsl(what), " stopped on request ", ToAbsl(where)));
}

}  // namespace wordloom

#endif  // WORDLOOM_CORE_WORK_CONTROL_H_
