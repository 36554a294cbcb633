// A gRPC server interceptor that gives requests gRPC could not parse a clear
// status. gRPC 1.51's callback API answers a request whose bytes are not a
// valid message (malformed protobuf, or a proto3 string field that is not
// valid UTF-8) with UNIMPLEMENTED and no message; this turns that into
// INVALID_ARGUMENT naming the method and the likely causes, and counts it in
// `metrics` as an error of that method.
//
// Thread-safe (one interceptor per call).
#ifndef WORDLOOM_SERVICE_GRPC_INTERCEPTORS_H_
#define WORDLOOM_SERVICE_GRPC_INTERCEPTORS_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/server_interceptor.h"
#include "service/metrics.h"

namespace wordloom::service {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeBadRequestInterceptorFactory(Metrics* metrics);

// Counts the gRPC calls in flight that do work, so that graceful shutdown
// can tell "draining calls" from "idle connections". Every call counts from
// its start to its end except grpc.health.v1.Health/Watch and the
// reflection stream, which a client keeps open without asking for work.
//
// Thread-safe. Must outlive the grpc::Server whose calls it counts.
class InFlightCalls {
 public:
  // An interceptor factory for grpc::ServerBuilder that feeds this count.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeFactory();

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

#endif  // WORDLOOM_SERVICE_GRPC_INTERCEPTORS_H_
