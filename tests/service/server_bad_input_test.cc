// Bad input on both endpoints of a real in-process Server on loopback ports:
// slow-loris clients, oversized bodies, garbage HTTP and JSON on the JSON
// port (Comprehend-shaped errors, other clients unaffected); malformed
// protobuf, invalid UTF-8 and oversized messages on the gRPC port (clear
// status codes).
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
#include "tests/service/raw_http.h"
#include "tests/service/test_models.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

using testing::ComprehendRequest;
using testing::HttpExchange;
using testing::RawConnection;

class ServerBadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SetLogEnabled(false);
    const std::string dir = wordloom::testing::TempDir();
    testing::WriteSentimentModel(dir + "/mood.wlm");
    ServerOptions options;
    options.host = "127.0.0.1";
    options.grpc_port = 0;
    options.http_port = 0;
    options.models_dir = dir;
    options.model_poll_interval = absl::ZeroDuration();
    options.worker_threads = 2;
    options.http_read_timeout = absl::Seconds(1);
    options.max_http_body_bytes = 64 * 1024;
    options.inline_max_bytes = 0;  // gRPC calls through the work pool (the other tests inline)
    auto server = Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    if (server_ != nullptr) server_->Shutdown();
    delete server_;
  }
  static int http_port() { return server_->http_port(); }

  // A good DetectSentiment over HTTP answers 200 with a Sentiment.
  static void ExpectServesGoodRequest() {
    const std::string reply = HttpExchange(
        http_port(), ComprehendRequest("DetectSentiment",
                                       R"({"Text":"A wonderful film.","LanguageCode":"en"})"));
    EXPECT_TRUE(absl::StartsWith(reply, "HTTP/1.1 200")) << reply;
    EXPECT_TRUE(absl::StrContains(reply, "\"Sentiment\":\"POSITIVE\"")) << reply;
  }

  static grpc::Status CallRaw(const std::string& method, const std::string& bytes) {
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->grpc_port()),
                                       grpc::InsecureChannelCredentials());
    grpc::GenericStub stub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1), response;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) {
                     status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    return status;
  }

  static Server* server_;
};
Server* ServerBadInputTest::server_ = nullptr;

TEST_F(ServerBadInputTest, GarbageHttpGets400InComprehendShape) {
  const std::string reply = HttpExchange(http_port(), "HELLO THERE\r\n\r\n");
  EXPECT_TRUE(absl::StartsWith(reply, "HTTP/1.1 400")) << reply;
  EXPECT_TRUE(absl::StrContains(reply, R"("__type":"InvalidRequestException")")) << reply;
  EXPECT_TRUE(absl::StrContains(reply, "malformed HTTP/1.1 request")) << reply;
  ExpectServesGoodRequest();
}

TEST_F(ServerBadInputTest, OversizedBodyGets413) {
  const std::string body = absl::StrCat(R"({"Text":")", std::string(100 * 1024, 'a'), R"("})");
  const std::string reply = HttpExchange(http_port(), ComprehendRequest("DetectSentiment", body));
  EXPECT_TRUE(absl::StartsWith(reply, "HTTP/1.1 413")) << reply.substr(0, 300);
  EXPECT_TRUE(absl::StrContains(reply, R"("__type":"TextSizeLimitExceededException")"));
  ExpectServesGoodRequest();
}

TEST_F(ServerBadInputTest, GarbageJsonGetsSerializationException) {
  for (const std::string& body : {std::string("{not json"), std::string("[1,2]"),
                                 std::string("{\"Text\":\"\xff\xfe\"}"), std::string(""),
                                 std::string(R"({"Text": 42})")}) {
    const std::string reply =
        HttpExchange(http_port(), ComprehendRequest("DetectSentiment", body));
    EXPECT_TRUE(absl::StartsWith(reply, "HTTP/1.1 400")) << body << "\n" << reply;
    EXPECT_TRUE(absl::StrContains(reply, R"("__type":"SerializationException")"))
        << body << "\n" << reply;
  }
  const std::string unknown = HttpExchange(http_port(), ComprehendRequest("DetectSyntax", "{}"));
  EXPECT_TRUE(absl::StrContains(unknown, R"("__type":"UnknownOperationException")")) << unknown;
}

TEST_F(ServerBadInputTest, SlowLorisIsCutOffWhileOthersAreServed) {
  // Headers that never finish: the server must drop this client after its
  // read timeout (1 s here) without answering, and serve others meanwhile.
  RawConnection slow_headers(http_port(), 15);
  ASSERT_TRUE(slow_headers.connected());
  ASSERT_TRUE(slow_headers.Send("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Tar"));
  // A body that never arrives in full.
  RawConnection slow_body(http_port(), 15);
  ASSERT_TRUE(slow_body.connected());
  ASSERT_TRUE(slow_body.Send(ComprehendRequest("DetectSentiment", std::string(1000, ' '))
                                 .substr(0, 300)));
  ExpectServesGoodRequest();
  for (RawConnection* connection : {&slow_headers, &slow_body}) {
    bool closed = false;
    const std::string reply = connection->ReadUntilClosed(&closed);
    EXPECT_TRUE(closed) << "the server kept a slow client for 15 s";
    EXPECT_EQ(reply, "");
  }
  ExpectServesGoodRequest();
}

TEST_F(ServerBadInputTest, MalformedProtobufIsInvalidArgument) {
  const grpc::Status status =
      CallRaw("/wordloom.v1.TextAnalytics/DetectSentiment", "\xff\xff\xff\xff\x0f");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_TRUE(absl::StrContains(status.error_message(), "DetectSentiment"))
      << status.error_message();
}

TEST_F(ServerBadInputTest, InvalidUtf8TextIsInvalidArgument) {
  // Field 1 (text), length 4: "A \xc3(" is not UTF-8.
  const grpc::Status status =
      CallRaw("/wordloom.v1.TextAnalytics/DetectSentiment", std::string("\x0a\x04" "A \xc3(", 6));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_TRUE(absl::StrContains(status.error_message(), "UTF-8")) << status.error_message();
  // The same bytes as valid UTF-8 are served.
  EXPECT_TRUE(
      CallRaw("/wordloom.v1.TextAnalytics/DetectSentiment", std::string("\x0a\x04" "A ok", 6))
          .ok());
}

TEST_F(ServerBadInputTest, OversizedMessageIsResourceExhausted) {
  v1::DetectSentimentRequest request;
  request.set_text(std::string(2 << 20, 'a'));
  const grpc::Status status =
      CallRaw("/wordloom.v1.TextAnalytics/DetectSentiment", request.SerializeAsString());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
}

TEST_F(ServerBadInputTest, UnimplementedStaysUnimplemented) {
  // Only unparsable requests are rewritten: an unknown method is still
  // UNIMPLEMENTED.
  EXPECT_EQ(CallRaw("/wordloom.v1.TextAnalytics/NoSuchCall", "").error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(ServerBadInputTest, MetricsShowRequestsErrorsLatencyQueueAndMemory) {
  ExpectServesGoodRequest();
  ASSERT_EQ(CallRaw("/wordloom.v1.TextAnalytics/DetectSentiment", "\xff\xff").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  const std::string metrics =
      HttpExchange(http_port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(absl::StartsWith(metrics, "HTTP/1.1 200")) << metrics;
  for (const char* series :
       {"wordloom_requests_total{method=\"http/DetectSentiment\",code=\"OK\"}",
        "wordloom_request_errors_total{method=\"grpc/DetectSentiment\"}",
        "wordloom_requests_total{method=\"grpc/DetectSentiment\",code=\"INVALID_ARGUMENT\"}",
        "wordloom_request_duration_seconds_bucket{method=\"http/DetectSentiment\",le=\"+Inf\"}",
        "wordloom_work_queue_depth ", "wordloom_model_memory_bytes ", "wordloom_models_loaded 1",
        "wordloom_process_resident_memory_bytes ", "wordloom_http_connections "}) {
    EXPECT_TRUE(absl::StrContains(metrics, series)) << series << "\n" << metrics;
  }
  EXPECT_FALSE(absl::StrContains(metrics, "wordloom_model_memory_bytes 0\n")) << metrics;
}

}  // namespace
}  // namespace wordloom::service
