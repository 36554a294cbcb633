// Regression test for the protobuf clash: Debian's libsentencepiece carries
// its own protobuf-lite 3.14, which aborts any process that also links
// libprotobuf 3.21. This binary links wordloom_proto (libprotobuf + gRPC),
// uses protobuf messages, runs a gRPC server, and trains, loads and uses a
// sentencepiece model in the same process: it must not abort.
#include <gtest/gtest.h>

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <chrono>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "nlp/text/subword.h"
#include "proto/wordloom/v1/common.pb.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

// A deterministic pseudo-English corpus (no data set needed).
std::string SyntheticCorpus() {
  const char* words[] = {"the",      "rights",   "of",       "every",    "person",  "shall",
                         "be",       "protected", "by",      "law",      "freedom", "equal",
                         "dignity",  "human",    "family",   "nations",  "peace",   "justice",
                         "education", "work",    "everyone", "has",      "right",   "to",
                         "life",     "liberty",  "security", "and",      "all",     "members"};
  std::mt19937 rng(42);
  std::string corpus;
  for (int line = 0; line < 400; ++line) {
    int n = 5 + static_cast<int>(rng() % 10);
    for (int i = 0; i < n; ++i) {
      absl::StrAppend(&corpus, i ? " " : "", words[rng() % (sizeof(words) / sizeof(*words))]);
    }
    corpus += "\n";
  }
  return corpus;
}

TEST(SubwordWithGrpcTest, ProtobufGrpcAndSentencepieceInOneProcess) {
  // 1. Protobuf (libprotobuf 3.21) in use.
  wordloom::v1::Token token;
  token.set_text("Rights");
  token.set_normalized("rights");
  token.set_begin_offset(4);
  token.set_end_offset(10);
  std::string wire;
  ASSERT_TRUE(token.SerializeToString(&wire));
  wordloom::v1::Token parsed;
  ASSERT_TRUE(parsed.ParseFromString(wire));
  EXPECT_EQ(parsed.normalized(), "rights");
  EXPECT_EQ(parsed.end_offset(), 10);

  // 2. A running gRPC server on an ephemeral port, reachable by a client.
  // A server needs at least one service: a callback generic service (it
  // answers UNIMPLEMENTED to every call, which is all this test needs).
  grpc::CallbackGenericService generic_service;
  grpc::ServerBuilder builder;
  builder.RegisterCallbackGenericService(&generic_service);
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  ASSERT_GT(port, 0);
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                     grpc::InsecureChannelCredentials());
  EXPECT_TRUE(channel->WaitForConnected(std::chrono::system_clock::now() +
                                        std::chrono::seconds(10)));

  // 3. sentencepiece: train, load, encode, decode.
  const std::string dir = testing::TempDir();
  testing::WriteFile(dir + "/corpus.txt", SyntheticCorpus());
  SubwordTrainOptions options;
  options.inputs = {dir + "/corpus.txt"};
  options.model_prefix = dir + "/spm";
  options.vocab_size = 50;
  options.character_coverage = 1.0;
  options.threads = 2;
  absl::Status trained = SubwordModel::Train(options);
  ASSERT_TRUE(trained.ok()) << trained;
  auto model = SubwordModel::Load(dir + "/spm.model");
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string text = "everyone has the right to life liberty and security";
  auto pieces = (*model)->Encode(text);
  ASSERT_TRUE(pieces.ok()) << pieces.status();
  ASSERT_FALSE(pieces->empty());
  std::vector<int32_t> ids;
  for (const SubwordPiece& p : *pieces) ids.push_back(p.id);
  auto decoded = (*model)->Decode(ids);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, text);

  // Protobuf still works after sentencepiece ran.
  ASSERT_TRUE(parsed.ParseFromString(wire));
  EXPECT_EQ(parsed.text(), "Rights");
  server->Shutdown();
}

}  // namespace
}  // namespace wordloom::nlp
