// .vec reading and writing, and its errors.
#include "embeddings/fasttext_format/vec_format.h"

#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::embeddings::fasttext {
namespace {

TEST(VecFormatTest, ParsesFastTextOutputWithTrailingSpaces) {
  auto vec = ParseVec("2 3\n</s> 0.1 0.2 0.3 \nthe -1 2.5e-3 4 \n", "m.vec");
  ASSERT_TRUE(vec.ok()) << vec.status();
  EXPECT_EQ(vec->words, (std::vector<std::string>{"</s>", "the"}));
  EXPECT_FLOAT_EQ(vec->vectors.At(1, 1), 2.5e-3f);
}

TEST(VecFormatTest, WriteThenRead) {
  linalg::DenseMatrix m(2, 2);
  m.At(0, 0) = 1.25f;
  m.At(1, 1) = -3.5e-7f;
  std::string path = testing::TempDir() + "/w.vec";
  ASSERT_TRUE(WriteVec(path, {"a", "b"}, m).ok());
  auto vec = ReadVec(path);
  ASSERT_TRUE(vec.ok()) << vec.status();
  EXPECT_FLOAT_EQ(vec->vectors.At(0, 0), 1.25f);
  EXPECT_FLOAT_EQ(vec->vectors.At(1, 1), -3.5e-7f);
  EXPECT_FALSE(WriteVec(path, {"a b", "c"}, m).ok());
}

void ExpectError(std::string_view text, std::string_view where) {
  auto vec = ParseVec(text, "bad.vec");
  ASSERT_FALSE(vec.ok()) << text;
  EXPECT_EQ(vec.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(vec.status().message()).find(where), std::string::npos) << vec.status();
}

TEST(VecFormatTest, ErrorsNameFileAndLine) {
  ExpectError("", "bad.vec:1");
  ExpectError("hello world\n", "bad.vec:1: bad .vec header");
  ExpectError("2 0\n", "bad.vec:1");
  ExpectError("2 3\na 1 2 3\nb 1 2\n", "bad.vec:3: expected a word and 3 values");
  ExpectError("2 3\na 1 2 3\nb 1 2 3 4\n", "bad.vec:3");
  ExpectError("1 2\na 1 x\n", "bad.vec:2: value 2");
  ExpectError("1 2\na 1 nan\n", "bad.vec:2");
  ExpectError("3 2\na 1 2\nb 1 2\n", "header promises 3 rows");
  ExpectError("1 2\na 1 2\nb 1 2\n", "bad.vec:3: more rows");
  ExpectError("2 2\na 1 2\na 1 2\n", "duplicate word");
}

}  // namespace
}  // namespace wordloom::embeddings::fasttext
