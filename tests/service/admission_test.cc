// Admission control of the real `wordloomd`: with --max-pending 1 (or 2),
// concurrent slow calls (100 KB documents) get RESOURCE_EXHAUSTED (gRPC) or
// TooManyRequestsException (JSON gateway) beyond the limit and succeed
// otherwise, whether they run on the work pool or inline on gRPC's
// completion-queue threads (--inline-max-bytes above the document size), and
// nothing hangs: every call has a deadline and every one of them is answered.
// Health checks are never refused.
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "proto/grpc/health/v1/health.grpc.pb.h"
#include "proto/wordloom/v1/text_analytics.grpc.pb.h"
#include "tests/service/raw_http.h"
#include "tests/service/server_process.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

constexpr int kClients = 6;
constexpr int kCallsPerClient = 8;

// A 100 KB document of ordinary words and sentences (Comprehend's limit).
std::string LargeDocument() {
  std::string text;
  while (text.size() + 64 < 100000) {
    text += "The quick brown fox jumps over the lazy dog near the river bank. ";
  }
  return text;
}

struct Outcomes {
  std::map<grpc::StatusCode, int> codes;
  std::vector<std::string> overload_messages;
};

// kClients threads, each with its own channel, make kCallsPerClient
// Tokenize calls on `text` at once.
Outcomes ConcurrentTokenize(int port, const std::string& text) {
  std::vector<std::vector<grpc::Status>> statuses(kClients);
  std::vector<std::thread> clients;
  std::atomic<int> ready{0};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection per client
      auto stub = v1::TextAnalytics::NewStub(grpc::CreateCustomChannel(
          absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args));
      v1::TokenizeRequest request;
      request.set_text(text);
      ready.fetch_add(1);
      while (ready.load() < kClients) std::this_thread::yield();
      for (int i = 0; i < kCallsPerClient; ++i) {
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        v1::TokenizeResponse response;
        grpc::Status status = stub->Tokenize(&ctx, request, &response);
        if (status.ok() && response.tokens_size() < static_cast<int>(text.size() / 8)) {
          status = grpc::Status(grpc::StatusCode::DATA_LOSS, "too few tokens");
        }
        statuses[c].push_back(status);
      }
    });
  }
  for (std::thread& t : clients) t.join();
  Outcomes out;
  for (const auto& per_client : statuses) {
    for (const grpc::Status& s : per_client) {
      ++out.codes[s.error_code()];
      if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        out.overload_messages.push_back(s.error_message());
      }
    }
  }
  return out;
}

class AdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = wordloom::testing::TempDir();
    wordloom::testing::WriteFile(dir_ + "/models/README", "no models: Tokenize needs none\n");
  }
  bool StartServer(const std::string& max_pending, const std::string& inline_max_bytes) {
    return server_.Start({"--models", dir_ + "/models", "--state-dir", dir_ + "/state",
                          "--threads", "2", "--model-poll-seconds", "0", "--max-pending",
                          max_pending, "--inline-max-bytes", inline_max_bytes},
                         dir_ + "/wordloomd.log");
  }
  // Every call answered, some refused with a message naming the limit,
  // the others complete and right.
  void ExpectBoundedOutcomes(const Outcomes& out, int limit) {
    int total = 0;
    for (const auto& [code, count] : out.codes) total += count;
    EXPECT_EQ(total, kClients * kCallsPerClient);
    EXPECT_GE(out.codes.count(grpc::StatusCode::OK) ? out.codes.at(grpc::StatusCode::OK) : 0,
              limit)
        << server_.Log();
    ASSERT_FALSE(out.overload_messages.empty())
        << "no call was refused: the limit does not bound these calls";
    EXPECT_TRUE(absl::StrContains(out.overload_messages[0], absl::StrCat(limit, " requests")))
        << out.overload_messages[0];
    EXPECT_TRUE(absl::StrContains(out.overload_messages[0], "--max-pending"));
    for (const auto& [code, count] : out.codes) {
      EXPECT_TRUE(code == grpc::StatusCode::OK || code == grpc::StatusCode::RESOURCE_EXHAUSTED)
          << "status " << code << " x" << count;
    }
  }

  std::string dir_;
  testing::ServerProcess server_;
};

TEST_F(AdmissionTest, InlineCallsCountAgainstMaxPending) {
  // 100 KB documents run inline on gRPC's threads here.
  ASSERT_TRUE(StartServer("1", "1000000")) << server_.Log();
  ExpectBoundedOutcomes(ConcurrentTokenize(server_.grpc_port(), LargeDocument()), 1);
  // Nothing stays counted: lone calls succeed once the burst is over.
  auto stub = v1::TextAnalytics::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_.grpc_port()), grpc::InsecureChannelCredentials()));
  v1::TokenizeRequest request;
  request.set_text(LargeDocument());
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::TokenizeResponse response;
    grpc::Status status = stub->Tokenize(&ctx, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(server_.Stop(std::chrono::seconds(20)), 0) << server_.Log();
}

TEST_F(AdmissionTest, PoolCallsCountAgainstMaxPending) {
  ASSERT_TRUE(StartServer("2", "0")) << server_.Log();
  ExpectBoundedOutcomes(ConcurrentTokenize(server_.grpc_port(), LargeDocument()), 2);
  EXPECT_EQ(server_.Stop(std::chrono::seconds(20)), 0) << server_.Log();
}

TEST_F(AdmissionTest, HealthChecksAnswerWhileThePoolIsFull) {
  using grpc::health::v1::HealthCheckRequest;
  using grpc::health::v1::HealthCheckResponse;
  ASSERT_TRUE(StartServer("1", "0")) << server_.Log();
  std::atomic<bool> burst_over{false};
  Outcomes burst;
  std::thread load([&] {
    burst = ConcurrentTokenize(server_.grpc_port(), LargeDocument());
    burst_over.store(true);
  });
  auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_.grpc_port()), grpc::InsecureChannelCredentials()));
  int checks = 0;
  std::map<grpc::StatusCode, int> codes;
  while (!burst_over.load()) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    HealthCheckResponse response;
    const grpc::Status status = health->Check(&ctx, HealthCheckRequest(), &response);
    ++codes[status.error_code()];
    if (status.ok()) {
      EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
    }
    ++checks;
  }
  load.join();
  ExpectBoundedOutcomes(burst, 1);  // the pool was full while the checks ran
  EXPECT_GT(checks, 0);
  EXPECT_EQ(codes[grpc::StatusCode::OK], checks) << "a health check was refused";
  EXPECT_EQ(server_.Stop(std::chrono::seconds(20)), 0) << server_.Log();
}

TEST_F(AdmissionTest, JsonGatewayAnswersTooManyRequestsException) {
  ASSERT_TRUE(StartServer("1", "1000000")) << server_.Log();
  const std::string body =
      absl::StrCat("{\"Text\": \"", LargeDocument(), "\", \"LanguageCode\": \"en\"}");
  std::vector<std::string> replies(kClients * 4);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 4; ++i) {
        replies[c * 4 + i] = testing::HttpExchange(
            server_.http_port(), testing::ComprehendRequest("DetectPiiEntities", body));
      }
    });
  }
  for (std::thread& t : clients) t.join();
  int ok = 0, throttled = 0;
  for (const std::string& reply : replies) {
    if (absl::StartsWith(reply, "HTTP/1.1 200")) {
      ++ok;
    } else if (absl::StartsWith(reply, "HTTP/1.1 429")) {
      ++throttled;
      EXPECT_TRUE(absl::StrContains(reply, "\"__type\":\"TooManyRequestsException\"")) << reply;
      EXPECT_TRUE(absl::StrContains(reply, "--max-pending")) << reply;
    } else {
      ADD_FAILURE() << "unexpected reply: " << reply.substr(0, 300);
    }
  }
  EXPECT_GE(ok, 1);
  EXPECT_GE(throttled, 1) << "no request was throttled";
  EXPECT_EQ(server_.Stop(std::chrono::seconds(20)), 0) << server_.Log();
}

}  // namespace
}  // namespace wordloom::service
