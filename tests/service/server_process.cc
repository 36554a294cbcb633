#include "tests/service/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <utility>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/test_util.h"

extern char** environ;

namespace wordloom::service::testing {

using Clock = std::chrono::steady_clock;

ServerProcess::~ServerProcess() { Kill(); }

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string ServerProcess::Log() const { return wordloom::testing::ReadFile(log_); }

namespace {

// `flags` with each default flag (and its value) added unless already set.
std::vector<std::string> WithDefaults(const std::vector<std::string>& flags,
                                      const std::string& port_file) {
  std::vector<std::string> args = {wordloom::testing::BinaryDir() + "/bin/wordloomd"};
  const std::pair<const char*, std::string> defaults[] = {
      {"--host", "127.0.0.1"}, {"--port", "0"}, {"--http-port", "0"}, {"--port-file", port_file}};
  for (const auto& [flag, value] : defaults) {
    if (std::find(flags.begin(), flags.end(), flag) == flags.end()) {
      args.push_back(flag);
      args.push_back(value);
    }
  }
  args.insert(args.end(), flags.begin(), flags.end());
  return args;
}

// The value after `flag` in `flags`, or `fallback`.
std::string FlagValue(const std::vector<std::string>& flags, const std::string& flag,
                      const std::string& fallback) {
  auto it = std::find(flags.begin(), flags.end(), flag);
  return it != flags.end() && it + 1 != flags.end() ? *(it + 1) : fallback;
}

}  // namespace

bool ServerProcess::Start(const std::vector<std::string>& flags, const std::string& log) {
  Kill();
  log_ = log;
  const std::string port_file = FlagValue(flags, "--port-file", log + ".ports");
  std::remove(port_file.c_str());
  std::vector<std::string> args = WithDefaults(flags, port_file);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    return false;
  }
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < deadline && Running()) {
    std::ifstream in(port_file);
    if (in >> grpc_port_ >> http_port_) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int ServerProcess::Stop(std::chrono::seconds timeout) {
  Terminate();
  return WaitForExit(timeout);
}

void ServerProcess::Terminate() {
  if (pid_ > 0) kill(pid_, SIGTERM);
}

int ServerProcess::WaitForExit(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  const auto deadline = Clock::now() + timeout;
  int status = 0;
  while (Clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;  // the destructor kills it
}

bool ServerProcess::Running() { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

bool WriteSelfSignedCertificate(const std::string& dir, std::string* error) {
  std::string out;
  const int rc = wordloom::testing::RunCommand(
      absl::StrCat("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                   "-days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 "
                   "-keyout ",
                   dir, "/key.pem -out ", dir, "/cert.pem"),
      &out, error);
  return rc == 0;
}

}  // namespace wordloom::service::testing
