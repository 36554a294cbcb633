// ConfinePath: job paths inside the allowed roots resolve; "..", symbolic
// links (to a file, to a directory, dangling, or the root itself a link),
// absolute paths and relative paths that lead out are refused with a message
// naming the field, the path and the roots.
#include "service/job_paths.h"

#include <unistd.h>

#include <filesystem>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "service/limits.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

namespace fs = std::filesystem;
using wordloom::testing::WriteFile;

class JobPathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = fs::canonical(wordloom::testing::TempDir()).string();
    root_ = work_ + "/allowed";
    WriteFile(root_ + "/docs/a.txt", "inside\n");
    WriteFile(work_ + "/secret.txt", "outside\n");
    fs::create_directories(work_ + "/elsewhere");
  }
  absl::StatusOr<std::string> Confine(const std::string& path) const {
    return ConfinePath("input_data_config.s3_uri", path, {root_}, "--job-input-root");
  }
  // Refused with InvalidArgument (InvalidRequestException) naming the
  // field, `path`, the root and the flag.
  void ExpectRefused(const std::string& path) const {
    absl::StatusOr<std::string> r = Confine(path);
    ASSERT_FALSE(r.ok()) << path << " -> " << *r;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ComprehendErrorType(r.status()), "InvalidRequestException");
    const std::string message(r.status().message());
    EXPECT_TRUE(absl::StrContains(message, "input_data_config.s3_uri")) << message;
    EXPECT_TRUE(absl::StrContains(message, path)) << message;
    EXPECT_TRUE(absl::StrContains(message, root_) || absl::StrContains(message, "symbolic link"))
        << message;
  }

  std::string work_, root_;
};

TEST_F(JobPathsTest, PathsInsideARootResolve) {
  EXPECT_EQ(Confine(root_).value_or(""), root_);
  EXPECT_EQ(Confine(root_ + "/").value_or(""), root_);
  EXPECT_EQ(Confine(root_ + "/docs/a.txt").value_or(""), root_ + "/docs/a.txt");
  EXPECT_EQ(Confine(root_ + "/docs/../docs/./a.txt").value_or(""), root_ + "/docs/a.txt");
  // Need not exist yet (an output directory is created later).
  EXPECT_EQ(Confine(root_ + "/new/out").value_or(""), root_ + "/new/out");
  // A link that stays inside is fine; the resolved path is returned.
  fs::create_symlink(root_ + "/docs", root_ + "/docs-link");
  EXPECT_EQ(Confine(root_ + "/docs-link/a.txt").value_or(""), root_ + "/docs/a.txt");
}

TEST_F(JobPathsTest, DotDotOutOfARootIsRefused) {
  ExpectRefused(root_ + "/../secret.txt");
  ExpectRefused(root_ + "/docs/../../secret.txt");
  ExpectRefused(root_ + "/no-such-dir/../../secret.txt");
  ExpectRefused(root_ + "/../allowed-not/x");
  // A sibling whose name starts with the root's is not inside it.
  fs::create_directories(root_ + "-evil");
  ExpectRefused(root_ + "-evil");
}

TEST_F(JobPathsTest, SymbolicLinksOutOfARootAreRefused) {
  fs::create_symlink(work_ + "/secret.txt", root_ + "/file-link");
  ExpectRefused(root_ + "/file-link");
  fs::create_symlink(work_ + "/elsewhere", root_ + "/dir-link");
  ExpectRefused(root_ + "/dir-link");
  ExpectRefused(root_ + "/dir-link/new-output");
  fs::create_symlink("/etc", root_ + "/etc-link");
  ExpectRefused(root_ + "/etc-link/passwd");
  // A link to nothing could be made to point anywhere later.
  fs::create_symlink(work_ + "/not-yet", root_ + "/dangling");
  ExpectRefused(root_ + "/dangling");
  ExpectRefused(root_ + "/dangling/out");
}

TEST_F(JobPathsTest, SaysWhereALinkLedOnlyForPathsNamedInsideARoot) {
  fs::create_symlink(work_ + "/elsewhere", root_ + "/out-link");
  auto named_inside = Confine(root_ + "/out-link");
  ASSERT_FALSE(named_inside.ok());
  EXPECT_TRUE(absl::StrContains(named_inside.status().message(),
                                "a symbolic link leads to " + work_ + "/elsewhere"))
      << named_inside.status();
  // Outside the roots, the server's layout is not disclosed.
  fs::create_symlink(work_ + "/elsewhere", work_ + "/outer-link");
  auto outside = Confine(work_ + "/outer-link");
  ASSERT_FALSE(outside.ok());
  EXPECT_FALSE(absl::StrContains(outside.status().message(), "leads to")) << outside.status();
  fs::create_symlink(work_ + "/nothing", work_ + "/outer-dangling");
  auto dangling = Confine(work_ + "/outer-dangling");
  ASSERT_FALSE(dangling.ok());
  EXPECT_FALSE(absl::StrContains(dangling.status().message(), "to nothing")) << dangling.status();
}

TEST_F(JobPathsTest, AbsoluteAndRelativePathsOutsideAreRefused) {
  ExpectRefused("/etc/passwd");
  ExpectRefused("/");
  ExpectRefused(work_ + "/secret.txt");
  ExpectRefused("/no/such/place");
  const fs::path cwd = fs::current_path();
  fs::current_path(root_);
  EXPECT_EQ(Confine("docs/a.txt").value_or(""), root_ + "/docs/a.txt");
  ExpectRefused("../secret.txt");
  fs::current_path(cwd);
}

TEST_F(JobPathsTest, RootsAreResolvedToo) {
  // The root given through a link: paths under its target are inside it.
  fs::create_symlink(root_, work_ + "/root-link");
  auto r = ConfinePath("f", root_ + "/docs/a.txt", {work_ + "/root-link"}, "--flag");
  EXPECT_EQ(r.value_or(""), root_ + "/docs/a.txt");
  auto via_link = ConfinePath("f", work_ + "/root-link/docs/a.txt", {root_}, "--flag");
  EXPECT_EQ(via_link.value_or(""), root_ + "/docs/a.txt");
}

TEST_F(JobPathsTest, NoRootsRefuseEverything) {
  auto r = ConfinePath("output_data_config.s3_uri", root_, {}, "--job-output-root");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::StrContains(r.status().message(), "none configured")) << r.status();
  EXPECT_TRUE(absl::StrContains(r.status().message(), "--job-output-root")) << r.status();
}

}  // namespace
}  // namespace wordloom::service
