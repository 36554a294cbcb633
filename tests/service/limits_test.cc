#include "service/limits.h"

#include <string>

#include "gtest/gtest.h"
#include "service/comprehend_gateway.h"
#include "service/status_bridge.h"

namespace wordloom::service {
namespace {

TEST(LimitsTest, TextSizeAndEncoding) {
  EXPECT_TRUE(CheckText("text", "hello", kMaxTextBytes).ok());
  absl::Status empty = CheckText("text", "", kMaxTextBytes);
  EXPECT_TRUE(absl::IsInvalidArgument(empty));
  EXPECT_NE(empty.message().find("empty"), absl::string_view::npos);

  absl::Status big = CheckText("text", std::string(5001, 'a'), kMaxSentimentTextBytes);
  EXPECT_TRUE(absl::IsInvalidArgument(big));
  EXPECT_NE(big.message().find("5001 bytes"), absl::string_view::npos) << big;
  EXPECT_NE(big.message().find("5000"), absl::string_view::npos) << big;
  EXPECT_EQ(ComprehendErrorType(big), "TextSizeLimitExceededException");

  absl::Status bad = CheckText("text", std::string("ab\xff", 3), kMaxTextBytes);
  EXPECT_TRUE(absl::IsInvalidArgument(bad));
  EXPECT_NE(bad.message().find("byte 2"), absl::string_view::npos) << bad;
}

TEST(LimitsTest, BatchSize) {
  google::protobuf::RepeatedPtrField<std::string> texts;
  EXPECT_TRUE(absl::IsInvalidArgument(CheckBatchSize(texts)));
  for (int i = 0; i < 25; ++i) *texts.Add() = "x";
  EXPECT_TRUE(CheckBatchSize(texts).ok());
  *texts.Add() = "x";
  absl::Status too_many = CheckBatchSize(texts);
  EXPECT_TRUE(absl::IsInvalidArgument(too_many));
  EXPECT_NE(too_many.message().find("26 documents"), absl::string_view::npos);
  EXPECT_EQ(ComprehendErrorType(too_many), "BatchSizeLimitExceededException");
}

TEST(LimitsTest, LanguageCodesAndModelIds) {
  for (const char* ok : {"", "en", "zh-TW", "pt-BR", "fil"}) {
    EXPECT_TRUE(CheckLanguageCode(ok).ok()) << ok;
  }
  for (const char* bad : {"e", "english", "en_US", "en-", "-en", "1a"}) {
    EXPECT_TRUE(absl::IsInvalidArgument(CheckLanguageCode(bad))) << bad;
  }
  EXPECT_TRUE(CheckModelId("model_id", "lda-news_v2.1").ok());
  EXPECT_TRUE(absl::IsInvalidArgument(CheckModelId("model_id", "../etc/passwd")));
  EXPECT_TRUE(absl::IsInvalidArgument(CheckModelId("model_id", "..")));
}

TEST(StatusBridgeTest, SameCodeAndMessage) {
  grpc::Status s = ToGrpcStatus(absl::NotFoundError("no model x"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(s.error_message(), "no model x");
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kInvalidArgument), "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kResourceExhausted), "RESOURCE_EXHAUSTED");
}

TEST(CharOffsetsTest, CountsCodePoints) {
  const std::string text = "h\xC3\xA9llo \xF0\x9F\x98\x80 w";  // "héllo 😀 w"
  CharOffsets offsets(text);
  EXPECT_EQ(offsets.ToChars(0), 0);
  EXPECT_EQ(offsets.ToChars(1), 1);
  EXPECT_EQ(offsets.ToChars(3), 2);   // after é (2 bytes)
  EXPECT_EQ(offsets.ToChars(7), 6);   // start of the emoji
  EXPECT_EQ(offsets.ToChars(11), 7);  // after the emoji (4 bytes)
  EXPECT_EQ(offsets.ToChars(static_cast<int64_t>(text.size())), 9);
  EXPECT_EQ(offsets.ToChars(1000), 9);
}

}  // namespace
}  // namespace wordloom::service
