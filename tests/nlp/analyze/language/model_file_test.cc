#include "nlp/analyze/language/model_file.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::analyze {
namespace {

std::string WriteSample(const std::string& dir) {
  ModelWriter out;
  out.Put<uint32_t>(7);
  out.PutString("hello");
  out.PutArray(std::vector<float>{1.5f, -2.0f});
  const std::string path = dir + "/m.wlm";
  EXPECT_TRUE(out.WriteFile(path, "test-kind", 3).ok());
  return path;
}

TEST(ModelFileTest, RoundTrips) {
  const std::string path = WriteSample(testing::TempDir());
  auto in = ModelReader::Open(path, "test-kind", 3);
  ASSERT_TRUE(in.ok()) << in.status();
  uint32_t v = 0;
  std::string s;
  std::vector<float> f;
  ASSERT_TRUE(in->Get(&v).ok());
  ASSERT_TRUE(in->GetString(&s).ok());
  ASSERT_TRUE(in->GetArray(&f).ok());
  EXPECT_EQ(v, 7u);
  EXPECT_EQ(s, "hello");
  EXPECT_EQ(f, (std::vector<float>{1.5f, -2.0f}));
  EXPECT_TRUE(in->ExpectEnd().ok());
  EXPECT_EQ(in->Get(&v).code(), absl::StatusCode::kDataLoss);
}

TEST(ModelFileTest, RejectsForeignKindVersionTruncationAndCorruption) {
  const std::string dir = testing::TempDir();
  const std::string path = WriteSample(dir);
  EXPECT_EQ(ModelReader::Open(path, "other", 3).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ModelReader::Open(path, "test-kind", 4).status().code(),
            absl::StatusCode::kFailedPrecondition);
  const std::string bytes = testing::ReadFile(path);
  for (size_t cut : {size_t{3}, size_t{20}, bytes.size() - 1}) {
    auto r = ModelReader::FromBytes(bytes.substr(0, cut), "cut", "test-kind", 3);
    EXPECT_FALSE(r.ok()) << cut;
  }
  std::string flipped = bytes;
  flipped[bytes.size() - 12] ^= 1;
  auto r = ModelReader::FromBytes(flipped, "flipped", "test-kind", 3);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("checksum"), absl::string_view::npos);
  EXPECT_EQ(ModelReader::FromBytes("plain text", "txt", "test-kind", 3).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ModelReader::Open(dir + "/missing.wlm", "test-kind", 3).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace wordloom::analyze
