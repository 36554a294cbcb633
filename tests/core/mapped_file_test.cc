// Tests for MappedFile and ReadFileToString: contents, empty files and the
// error codes for missing files and directories.
#include "core/mapped_file.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "tests/test_util.h"

namespace wordloom {
namespace {

TEST(MappedFileTest, MapsContents) {
  const std::string path = testing::TempDir() + "/data.bin";
  std::string contents("abc\0def\n", 8);
  testing::WriteFile(path, contents);
  auto file = MappedFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->size(), 8u);
  EXPECT_EQ((*file)->view(), contents);
  EXPECT_EQ((*file)->path(), path);
  (*file)->AdviseSequential();
  auto text = ReadFileToString(path);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, contents);
}

TEST(MappedFileTest, ZeroByteFileIsEmptyView) {
  const std::string path = testing::TempDir() + "/empty";
  testing::WriteFile(path, "");
  auto file = MappedFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->size(), 0u);
  EXPECT_TRUE((*file)->view().empty());
  (*file)->AdviseSequential();  // must not crash on an empty mapping
  auto text = ReadFileToString(path);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "");
}

TEST(MappedFileTest, MissingFileIsNotFoundNamingPath) {
  const std::string path = testing::TempDir() + "/does_not_exist.txt";
  auto file = MappedFile::Open(path);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(file.status().message().find(path), absl::string_view::npos) << file.status();
  EXPECT_EQ(ReadFileToString(path).status().code(), absl::StatusCode::kNotFound);
}

TEST(MappedFileTest, DirectoryIsFailedPrecondition) {
  const std::string dir = testing::TempDir();
  auto file = MappedFile::Open(dir);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(file.status().message().find(dir), absl::string_view::npos) << file.status();
}

TEST(ErrnoStatusTest, MapsCodes) {
  EXPECT_EQ(ErrnoStatus("open", "p", ENOENT).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrnoStatus("open", "p", EACCES).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrnoStatus("open", "p", ENOSPC).code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ErrnoStatus("open", "p", EIO).code(), absl::StatusCode::kInternal);
  absl::Status s = ErrnoStatus("cannot open", "/x/y", ENOENT);
  EXPECT_NE(s.message().find("cannot open /x/y"), absl::string_view::npos) << s;
}

}  // namespace
}  // namespace wordloom
