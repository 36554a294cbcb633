#include "service/in_flight_calls.h"

namespace wordloom::service {

void InFlightCalls::Begin() {
  absl::MutexLock lock(&mu_);
  ++count_;
}

void InFlightCalls::End() {
  absl::MutexLock lock(&mu_);
  --count_;
}

int InFlightCalls::count() const {
  absl::MutexLock lock(&mu_);
  return count_;
}

bool InFlightCalls::WaitUntilIdle(absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return count_ == 0; };
  return mu_.AwaitWithDeadline(absl::Condition(&idle), deadline);
}

}  // namespace wordloom::service
