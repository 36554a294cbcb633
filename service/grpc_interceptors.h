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

#include "grpcpp/support/server_interceptor.h"
#include "service/metrics.h"

namespace wordloom::service {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeBadRequestInterceptorFactory(Metrics* metrics);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_GRPC_INTERCEPTORS_H_
