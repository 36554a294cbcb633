// Counts the gRPC calls in flight that do work, so that graceful shutdown
// can tell "draining calls" from "idle connections". AsyncServer counts
// every call from its arrival to its end except open-ended streams that ask
// for no work (grpc.health.v1.Health/Watch; AsyncCall::CountsAsWork).
//
// Thread-safe. Must outlive the AsyncServer whose calls it counts.
#ifndef WORDLOOM_SERVICE_IN_FLIGHT_CALLS_H_
#define WORDLOOM_SERVICE_IN_FLIGHT_CALLS_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace wordloom::service {

class InFlightCalls {
 public:
  // Blocks until no counted call is in flight or `deadline` passes; true if
  // none is in flight.
  bool WaitUntilIdle(absl::Time deadline);
  int count() const;

  void Begin();
  void End();

 private:
  mutable absl::Mutex mu_;
  int count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_IN_FLIGHT_CALLS_H_
