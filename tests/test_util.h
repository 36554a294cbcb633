// Helpers shared by wordloom's tests: where the public data sets are, a
// scratch directory per test, and running the built `wordloom` binary.
#ifndef WORDLOOM_TESTS_TEST_UTIL_H_
#define WORDLOOM_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <string>

namespace wordloom::testing {

// $WORDLOOM_DATA, or ../shared/corpora beside the repository.
std::string DataDir();

// Path of a data set file under DataDir(). When it is missing the calling
// test is skipped, except under CI=true where a missing data set fails it.
// Use as: `std::string path; WL_REQUIRE_DATA(path, "udhr_multilingual/eng.txt");`
bool FindDataFile(const std::string& relative, std::string* path, std::string* why);
#define WL_REQUIRE_DATA(path_var, relative)                                  \
  do {                                                                       \
    std::string wl_why_;                                                     \
    if (!::wordloom::testing::FindDataFile(relative, &path_var, &wl_why_)) { \
      if (::wordloom::testing::InCi()) FAIL() << wl_why_;                    \
      GTEST_SKIP() << wl_why_;                                               \
    }                                                                        \
  } while (0)

// Skips the calling test when the program at `path` (e.g. Debian's
// /usr/bin/fasttext, an anchor the test compares with) is not installed;
// under CI=true that fails it instead.
#define WL_REQUIRE_PROGRAM(path)                                                         \
  do {                                                                                   \
    if (::access(path, X_OK) != 0) {                                                    \
      if (::wordloom::testing::InCi()) FAIL() << path << " is missing";                 \
      GTEST_SKIP() << path << " is missing (scripts/setup.sh installs it)";             \
    }                                                                                    \
  } while (0)

// True when the environment says CI=true.
bool InCi();

// A fresh, empty directory for this test (removed at process exit).
std::string TempDir();

// The build tree (for binaries and the sentencepiece shim).
std::string BinaryDir();
std::string SourceDir();

// Runs a shell command; returns its exit status and fills stdout/stderr.
int RunCommand(const std::string& command, std::string* out, std::string* err);

// What a command printed and how it ended.
struct CommandResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs the built `wordloom` binary with `args` (a shell fragment: may hold
// redirections).
CommandResult RunWordloom(const std::string& args);

// Writes `contents` to `path`, creating missing parent directories.
void WriteFile(const std::string& path, const std::string& contents);
std::string ReadFile(const std::string& path);

}  // namespace wordloom::testing

#endif  // WORDLOOM_TESTS_TEST_UTIL_H_
