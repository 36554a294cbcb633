#include "service/auth.h"

#include <openssl/crypto.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::service {
namespace {

constexpr std::string_view kBearer = "Bearer ";
constexpr std::string_view kSigV4 = "AWS4-HMAC-SHA256 ";

absl::StatusOr<std::string> ReadPem(const std::string& path, std::string_view what) {
  WL_ASSIGN_OR_RETURN(std::string pem, ReadFileToString(path));
  if (!absl::StrContains(pem, "-----BEGIN ")) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a PEM file (expected a \"-----BEGIN ...\" line of the ",
                     ToAbsl(what), ")"));
  }
  return pem;
}

// The access key id of a SigV4 Authorization header, or "".
std::string_view SigV4AccessKey(std::string_view header) {
  constexpr std::string_view kCredential = "Credential=";
  const size_t at = header.find(kCredential);
  if (at == std::string_view::npos) return {};
  std::string_view rest = header.substr(at + kCredential.size());
  return rest.substr(0, rest.find('/'));
}

class GrpcAuthProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit GrpcAuthProcessor(std::shared_ptr<const BearerAuth> auth) : auth_(std::move(auth)) {}

  // Runs inline on gRPC's thread: the check is a comparison, never blocks.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& metadata, grpc::AuthContext*, OutputMetadata*,
                       OutputMetadata*) override {
    auto path = metadata.find(":path");
    if (path != metadata.end() &&
        absl::StartsWith(absl::string_view(path->second.data(), path->second.size()),
                         "/grpc.health.v1.Health/")) {
      return grpc::Status::OK;
    }
    auto header = metadata.find("authorization");
    std::string_view value;
    if (header != metadata.end()) value = {header->second.data(), header->second.size()};
    absl::Status status = auth_->CheckBearer(value);
    if (status.ok()) return grpc::Status::OK;
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, std::string(status.message()));
  }

 private:
  const std::shared_ptr<const BearerAuth> auth_;
};

}  // namespace

absl::StatusOr<TlsKeyPair> LoadTlsKeyPair(const std::string& cert_file,
                                          const std::string& key_file) {
  if (cert_file.empty() != key_file.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs both --tls-cert and --tls-key (a PEM certificate chain and its private key)");
  }
  TlsKeyPair pair;
  if (cert_file.empty()) return pair;
  WL_ASSIGN_OR_RETURN(pair.cert_pem, ReadPem(cert_file, "certificate"));
  WL_ASSIGN_OR_RETURN(pair.key_pem, ReadPem(key_file, "private key"));
  return pair;
}

absl::StatusOr<std::shared_ptr<const BearerAuth>> BearerAuth::FromFile(const std::string& path) {
  WL_ASSIGN_OR_RETURN(std::string contents, ReadFileToString(path));
  std::string token(ToStd(absl::StripAsciiWhitespace(
      absl::string_view(contents).substr(0, contents.find('\n')))));
  absl::StatusOr<std::shared_ptr<const BearerAuth>> auth = FromToken(std::move(token));
  if (!auth.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", auth.status().message()));
  }
  return auth;
}

absl::StatusOr<std::shared_ptr<const BearerAuth>> BearerAuth::FromToken(std::string token) {
  if (token.size() < 16 || token.size() > 4096) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the auth token must be 16 to 4096 characters on the first line; it has ", token.size()));
  }
  for (char c : token) {
    if (c <= ' ' || c > '~') {
      return absl::InvalidArgumentError(
          "the auth token must be printable ASCII without spaces (it is sent as an HTTP header)");
    }
  }
  return std::shared_ptr<const BearerAuth>(new BearerAuth(std::move(token)));
}

bool BearerAuth::Matches(std::string_view candidate) const {
  return candidate.size() == token_.size() &&
         CRYPTO_memcmp(candidate.data(), token_.data(), token_.size()) == 0;
}

absl::Status BearerAuth::CheckBearer(std::string_view authorization) const {
  if (authorization.empty()) {
    return absl::UnauthenticatedError(
        "missing credentials: send the header \"authorization: Bearer <token>\"");
  }
  if (authorization.substr(0, kBearer.size()) != kBearer) {
    return absl::UnauthenticatedError(
        "the authorization header is not \"Bearer <token>\"");
  }
  if (!Matches(authorization.substr(kBearer.size()))) {
    return absl::UnauthenticatedError("the bearer token is not valid");
  }
  return absl::OkStatus();
}

absl::Status BearerAuth::CheckHttpAuthorization(std::string_view authorization) const {
  if (authorization.substr(0, kSigV4.size()) != kSigV4) return CheckBearer(authorization);
  if (!Matches(SigV4AccessKey(authorization))) {
    return absl::UnauthenticatedError(
        "the security token included in the request is invalid: the access key id must be the "
        "server's auth token");
  }
  return absl::OkStatus();
}

std::shared_ptr<grpc::AuthMetadataProcessor> MakeGrpcAuthProcessor(
    std::shared_ptr<const BearerAuth> auth) {
  return std::make_shared<GrpcAuthProcessor>(std::move(auth));
}

}  // namespace wordloom::service
