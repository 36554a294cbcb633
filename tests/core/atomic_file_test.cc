// Tests for AtomicFileWriter / WriteFileAtomically: a commit replaces the
// target, an abandoned writer leaves it untouched, errors are statuses.
#include "core/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace wordloom {
namespace {

namespace fs = std::filesystem;

// Names of the files in `dir`.
std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicFileWriterTest, CommitReplacesTarget) {
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/model.bin";
  testing::WriteFile(path, "old contents");
  auto writer = AtomicFileWriter::Create(path);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Append("new ").ok());
  ASSERT_TRUE((*writer)->Append("contents").ok());
  // Before the commit the target still holds the old bytes.
  EXPECT_EQ(testing::ReadFile(path), "old contents");
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(testing::ReadFile(path), "new contents");
  EXPECT_EQ(ListDir(dir), std::vector<std::string>{"model.bin"});
  // The writer accepts nothing after a commit.
  EXPECT_FALSE((*writer)->Append("x").ok());
  EXPECT_FALSE((*writer)->Commit().ok());
}

TEST(AtomicFileWriterTest, LargeWriteIsComplete) {
  const std::string path = testing::TempDir() + "/big";
  std::string big;
  for (int i = 0; i < 300000; ++i) big += std::to_string(i) + "\n";  // > 1 MB buffer
  auto writer = AtomicFileWriter::Create(path);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append(big.substr(0, 1000)).ok());
  ASSERT_TRUE((*writer)->Append(big.substr(1000)).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(testing::ReadFile(path), big);
}

TEST(AtomicFileWriterTest, NoCommitLeavesTargetUntouchedAndRemovesTemp) {
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/model.bin";
  testing::WriteFile(path, "old contents");
  {
    auto writer = AtomicFileWriter::Create(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Append("half written").ok());
    EXPECT_EQ(ListDir(dir).size(), 2u);  // the target and the temporary file
  }
  EXPECT_EQ(testing::ReadFile(path), "old contents");
  EXPECT_EQ(ListDir(dir), std::vector<std::string>{"model.bin"});
}

TEST(AtomicFileWriterTest, NoCommitOfNewFileCreatesNothing) {
  const std::string dir = testing::TempDir();
  { ASSERT_TRUE(AtomicFileWriter::Create(dir + "/fresh").ok()); }
  EXPECT_TRUE(ListDir(dir).empty());
}

TEST(AtomicFileWriterTest, MissingDirectoryIsNotFound) {
  const std::string path = testing::TempDir() + "/no/such/dir/file";
  auto writer = AtomicFileWriter::Create(path);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(writer.status().message().find("no/such/dir"), absl::string_view::npos)
      << writer.status();
  absl::Status s = WriteFileAtomically(path, "x");
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
}

TEST(WriteFileAtomicallyTest, WritesAndOverwrites) {
  const std::string path = testing::TempDir() + "/f.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "one").ok());
  EXPECT_EQ(testing::ReadFile(path), "one");
  ASSERT_TRUE(WriteFileAtomically(path, "").ok());
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(fs::file_size(path), 0u);
}

}  // namespace
}  // namespace wordloom
