#include "service/work_pool.h"

#include "absl/strings/str_cat.h"

namespace wordloom::service {

WorkPool::WorkPool(size_t threads, size_t max_pending)
    : max_pending_(max_pending == 0 ? 1 : max_pending), pool_(threads) {}

absl::Status WorkPool::OverloadedError() const {
  return absl::ResourceExhaustedError(absl::StrCat(
      "server overloaded: ", max_pending_,
      " requests already queued or running (the --max-pending limit); retry later"));
}

absl::Status WorkPool::TrySchedule(std::function<void()> task) {
  if (!TryEnter()) return OverloadedError();
  pool_.Schedule([this, task = std::move(task)] {
    task();
    Leave();
  });
  return absl::OkStatus();
}

}  // namespace wordloom::service
