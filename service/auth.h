// Optional security of both endpoints: TLS key material read from PEM files
// and a shared bearer token (--auth-token-file). gRPC checks the token with
// an AuthMetadataProcessor (`authorization: Bearer <token>` metadata; the
// grpc.health.v1 service stays open for load balancers); the JSON gateway
// with CheckHttpAuthorization, which also accepts an AWS SigV4 header whose
// access key id is the token, so `aws --endpoint-url` works with
// AWS_ACCESS_KEY_ID=<token> (the signature itself is not verified: the key id
// plays the bearer token's role, so use TLS).
//
// Thread-safe: immutable after creation.
#ifndef WORDLOOM_SERVICE_AUTH_H_
#define WORDLOOM_SERVICE_AUTH_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/security/auth_metadata_processor.h"

namespace wordloom::service {

// A certificate chain and its private key, PEM.
struct TlsKeyPair {
  std::string cert_pem;
  std::string key_pem;
  bool enabled() const { return !cert_pem.empty(); }
};

// Reads both files (both or neither must be given). Errors: InvalidArgument
// (only one given, or a file is not PEM), NotFound / PermissionDenied.
absl::StatusOr<TlsKeyPair> LoadTlsKeyPair(const std::string& cert_file,
                                          const std::string& key_file);

class BearerAuth {
 public:
  // The token is the file's first line without surrounding whitespace; it
  // must be 16 to 4096 printable ASCII characters. Errors: InvalidArgument,
  // NotFound.
  static absl::StatusOr<std::shared_ptr<const BearerAuth>> FromFile(const std::string& path);
  static absl::StatusOr<std::shared_ptr<const BearerAuth>> FromToken(std::string token);

  // OK when `authorization` (the header / metadata value) is "Bearer <token>";
  // else Unauthenticated saying whether it was missing, malformed or wrong.
  absl::Status CheckBearer(std::string_view authorization) const;

  // CheckBearer, or an "AWS4-HMAC-SHA256 Credential=<token>/..." header.
  absl::Status CheckHttpAuthorization(std::string_view authorization) const;

 private:
  explicit BearerAuth(std::string token) : token_(std::move(token)) {}
  bool Matches(std::string_view candidate) const;  // constant time
  const std::string token_;
};

// The gRPC processor over `auth`: every call but grpc.health.v1 must carry
// the token, or fails with UNAUTHENTICATED before any handler runs.
std::shared_ptr<grpc::AuthMetadataProcessor> MakeGrpcAuthProcessor(
    std::shared_ptr<const BearerAuth> auth);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_AUTH_H_
