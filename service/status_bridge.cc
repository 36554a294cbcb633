#include "service/status_bridge.h"

#include "absl/strings/ascii.h"
#include "core/strings.h"

namespace wordloom::service {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

std::string StatusCodeName(absl::StatusCode code) {
  // absl names codes "INVALID_ARGUMENT" style already.
  return absl::AsciiStrToUpper(absl::StatusCodeToString(code));
}

}  // namespace wordloom::service
