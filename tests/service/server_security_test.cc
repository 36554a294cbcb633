// TLS and the bearer token on both endpoints of a real in-process Server:
// a self-signed certificate made with the openssl CLI, then calls with
// the right token, a wrong one and none, over gRPC (C++ client) and HTTPS
// (curl). Health checks stay open.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "service/log.h"
#include "service/server.h"
#include "tests/service/server_process.h"
#include "tests/service/test_models.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

constexpr char kToken[] = "s3cret-token-0123456789";

class ServerSecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SetLogEnabled(false);
    dir_ = new std::string(wordloom::testing::TempDir());
    const std::string& d = *dir_;
    std::string err;
    ASSERT_TRUE(testing::WriteSelfSignedCertificate(d, &err)) << err;
    wordloom::testing::WriteFile(d + "/token", absl::StrCat(kToken, "\n"));
    wordloom::testing::WriteFile(d + "/models/README", "models of this test\n");
    testing::WriteSentimentModel(d + "/models/mood.wlm");
    ServerOptions options = Options();
    options.auth_token_file = d + "/token";
    auto server = Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = wordloom::testing::ReadFile(d + "/cert.pem");
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateCustomChannel(
        absl::StrCat("127.0.0.1:", server_->grpc_port()), grpc::SslCredentials(ssl), args));
  }
  static void TearDownTestSuite() {
    delete channel_;
    if (server_ != nullptr) server_->Shutdown();
    delete server_;
    delete dir_;
  }
  static ServerOptions Options() {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.grpc_port = 0;
    options.http_port = 0;
    options.models_dir = *dir_ + "/models";
    options.model_poll_interval = absl::ZeroDuration();
    options.worker_threads = 1;
    options.tls_cert_file = *dir_ + "/cert.pem";
    options.tls_key_file = *dir_ + "/key.pem";
    return options;
  }
  // DetectSentiment over TLS with `authorization` metadata ("" = none).
  static grpc::Status Sentiment(const std::string& authorization) {
    auto stub = v1::TextAnalytics::NewStub(*channel_);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
    v1::DetectSentimentRequest request;
    request.set_text("A wonderful film.");
    v1::DetectSentimentResponse response;
    grpc::Status status = stub->DetectSentiment(&ctx, request, &response);
    if (status.ok()) {
      EXPECT_EQ(response.sentiment(), v1::Sentiment::POSITIVE);
    }
    return status;
  }
  // curl over HTTPS (certificate checked); returns "HTTP_CODE BODY".
  static std::string Curl(const std::string& path, const std::string& headers) {
    std::string out, err;
    const int rc = wordloom::testing::RunCommand(
        absl::StrCat("curl -s --max-time 10 --cacert ", *dir_, "/cert.pem -w ' %{http_code}' ",
                     headers, " https://127.0.0.1:", server_->http_port(), path),
        &out, &err);
    EXPECT_EQ(rc, 0) << err;
    return out;
  }
  static std::string CurlSentiment(const std::string& headers) {
    return Curl("/", absl::StrCat("-X POST -H 'X-Amz-Target: Comprehend_20171127.DetectSentiment' "
                                  "-H 'Content-Type: application/x-amz-json-1.1' "
                                  "--data '{\"Text\":\"A wonderful film.\"}' ",
                                  headers));
  }

  static std::string* dir_;
  static Server* server_;
  static std::shared_ptr<grpc::Channel>* channel_;
};
std::string* ServerSecurityTest::dir_ = nullptr;
Server* ServerSecurityTest::server_ = nullptr;
std::shared_ptr<grpc::Channel>* ServerSecurityTest::channel_ = nullptr;

TEST_F(ServerSecurityTest, GrpcNeedsTheToken) {
  EXPECT_TRUE(Sentiment(absl::StrCat("Bearer ", kToken)).ok());
  const grpc::Status wrong = Sentiment("Bearer not-the-token-at-all");
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(absl::StrContains(wrong.error_message(), "not valid")) << wrong.error_message();
  const grpc::Status none = Sentiment("");
  EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(absl::StrContains(none.error_message(), "missing")) << none.error_message();
  EXPECT_EQ(Sentiment(kToken).error_code(), grpc::StatusCode::UNAUTHENTICATED);  // no "Bearer "
}

TEST_F(ServerSecurityTest, GrpcHealthCheckStaysOpen) {
  // grpc.health.v1.Health/Check without a token; an empty request is the
  // overall status, and SERVING is field 1 = 1.
  grpc::GenericStub stub(*channel_);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&](grpc::Status s) {
                   status = std::move(s);
                   done.Notify();
                 });
  done.WaitForNotification();
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& slice : slices) bytes.append(slice.begin(), slice.end());
  EXPECT_EQ(bytes, std::string("\x08\x01", 2));
}

TEST_F(ServerSecurityTest, PlaintextGrpcClientIsRefused) {
  auto stub = v1::TextAnalytics::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_->grpc_port()), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  ctx.AddMetadata("authorization", absl::StrCat("Bearer ", kToken));
  v1::DetectSentimentRequest request;
  request.set_text("A wonderful film.");
  v1::DetectSentimentResponse response;
  EXPECT_FALSE(stub->DetectSentiment(&ctx, request, &response).ok());
}

TEST_F(ServerSecurityTest, HttpsNeedsTheToken) {
  const std::string good = CurlSentiment(absl::StrCat("-H 'Authorization: Bearer ", kToken, "'"));
  EXPECT_TRUE(absl::StrContains(good, "\"Sentiment\":\"POSITIVE\"")) << good;
  EXPECT_TRUE(absl::EndsWith(good, " 200")) << good;
  const std::string sigv4 = CurlSentiment(absl::StrCat(
      "-H 'Authorization: AWS4-HMAC-SHA256 Credential=", kToken,
      "/20240101/us-east-1/comprehend/aws4_request, SignedHeaders=host, Signature=00'"));
  EXPECT_TRUE(absl::EndsWith(sigv4, " 200")) << sigv4;
  const std::string wrong = CurlSentiment("-H 'Authorization: Bearer not-the-token-at-all'");
  EXPECT_TRUE(absl::StrContains(wrong, R"("__type":"UnrecognizedClientException")")) << wrong;
  EXPECT_TRUE(absl::EndsWith(wrong, " 401")) << wrong;
  const std::string none = CurlSentiment("");
  EXPECT_TRUE(absl::StrContains(none, R"("__type":"MissingAuthenticationTokenException")"))
      << none;
  EXPECT_TRUE(absl::EndsWith(none, " 401")) << none;
  EXPECT_TRUE(absl::EndsWith(Curl("/metrics", ""), " 401"));
  EXPECT_EQ(Curl("/healthz", ""), "ok\n 200");
}

TEST_F(ServerSecurityTest, TokenWithoutTlsOrBadFilesIsRefusedAtStart) {
  ServerOptions options = Options();
  options.auth_token_file = *dir_ + "/token";
  options.tls_cert_file.clear();
  options.tls_key_file.clear();
  EXPECT_EQ(Server::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = Options();
  options.tls_key_file.clear();
  EXPECT_EQ(Server::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = Options();
  options.tls_cert_file = *dir_ + "/token";  // not PEM
  EXPECT_EQ(Server::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  wordloom::testing::WriteFile(*dir_ + "/short", "abc\n");
  options = Options();
  options.auth_token_file = *dir_ + "/short";
  EXPECT_EQ(Server::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wordloom::service
