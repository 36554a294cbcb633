// The one bridge between wordloom's error vocabulary (absl::Status) and the
// wire: gRPC statuses for the gRPC services, canonical code names for batch
// item errors and the JSON gateway. Every absl::StatusCode has a gRPC code
// of the same number and meaning, so the mapping is total.
#ifndef WORDLOOM_SERVICE_STATUS_BRIDGE_H_
#define WORDLOOM_SERVICE_STATUS_BRIDGE_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace wordloom::service {

// The gRPC status for `status`: same code, same message.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Canonical upper-case name of a code, e.g. "INVALID_ARGUMENT", as in
// BatchItemError.error_code.
std::string StatusCodeName(absl::StatusCode code);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_STATUS_BRIDGE_H_
