// Test helper: the real wordloomd binary as a child process on free loopback
// ports (posix_spawn, --port 0 --http-port 0 --port-file), stopped with
// SIGTERM (killed if it does not stop in time, and by the destructor).
#ifndef WORDLOOM_TESTS_SERVICE_WORDLOOMD_PROCESS_H_
#define WORDLOOM_TESTS_SERVICE_WORDLOOMD_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace wordloom::testing {

class WordloomdProcess {
 public:
  using Clock = std::chrono::steady_clock;

  ~WordloomdProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  // Spawns `args` (argv[0] = the binary) with stderr to `log`, then waits up
  // to 10 s for `port_file` ("GRPC_PORT HTTP_PORT"). False on failure.
  bool Start(const std::vector<std::string>& args, const std::string& log,
             const std::string& port_file) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      pid_ = -1;
      return false;
    }
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline && Running()) {
      std::ifstream in(port_file);
      if (in >> grpc_port_ >> http_port_) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  // SIGTERM, then the exit status within `timeout` (-1 if it had to be killed).
  int Stop(std::chrono::seconds timeout) {
    kill(pid_, SIGTERM);
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

  bool Running() { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }
  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_port_; }

 private:
  pid_t pid_ = -1;
  int grpc_port_ = 0;
  int http_port_ = 0;
};

}  // namespace wordloom::testing

#endif  // WORDLOOM_TESTS_SERVICE_WORDLOOMD_PROCESS_H_
