#include "tests/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace wordloom::testing {
namespace fs = std::filesystem;

std::string DataDir() {
  if (const char* env = std::getenv("WORDLOOM_DATA"); env && *env) return env;
  return WORDLOOM_DATA_DEFAULT;
}

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

bool FindDataFile(const std::string& relative, std::string* path, std::string* why) {
  *path = (fs::path(DataDir()) / relative).string();
  if (fs::exists(*path)) return true;
  *why = absl::StrCat("public data set file ", *path,
                      " is missing (set WORDLOOM_DATA to the corpora directory)");
  return false;
}

std::string TempDir() {
  static std::atomic<int> counter{0};
  const char* base = std::getenv("TEST_TMPDIR");
  fs::path dir = fs::path(base && *base ? base : fs::temp_directory_path().string()) /
                 absl::StrCat("wordloom_test_", ::getpid(), "_", counter++);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// Absolute, so a relative default (Bazel's, in the runfiles tree) still holds
// after a test changes directory.
std::string BinaryDir() {
  const char* env = std::getenv("WORDLOOM_BINARY_DIR");
  return fs::absolute(env && *env ? env : WORDLOOM_BINARY_DIR).string();
}

std::string SourceDir() { return fs::absolute(WORDLOOM_SOURCE_DIR).string(); }

int RunCommand(const std::string& command, std::string* out, std::string* err) {
  std::string dir = TempDir();
  std::string out_path = dir + "/stdout", err_path = dir + "/stderr";
  int rc = std::system(absl::StrCat("(", command, ") >", out_path, " 2>", err_path).c_str());
  if (out) *out = ReadFile(out_path);
  if (err) *err = ReadFile(err_path);
  fs::remove_all(dir);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);
}

CommandResult RunWordloom(const std::string& args) {
  CommandResult r;
  r.exit_code = RunCommand(absl::StrCat(BinaryDir(), "/bin/wordloom ", args), &r.out, &r.err);
  return r;
}

void WriteFile(const std::string& path, const std::string& contents) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace wordloom::testing
