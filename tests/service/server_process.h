// The one test helper for the real `wordloomd` binary: a child process on
// free loopback ports (posix_spawn, --port 0 --http-port 0 --port-file),
// stopped with SIGTERM or killed with SIGKILL (a crash), plus a self-signed
// certificate to serve TLS with. Every wait is bounded; the destructor kills
// a server that is still running. Not thread-safe: one test thread owns it.
#ifndef WORDLOOM_TESTS_SERVICE_SERVER_PROCESS_H_
#define WORDLOOM_TESTS_SERVICE_SERVER_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace wordloom::service::testing {

class ServerProcess {
 public:
  ~ServerProcess();

  // Starts build/bin/wordloomd with `flags` plus `--host 127.0.0.1 --port 0
  // --http-port 0 --port-file LOG.ports` (each default only when `flags` does
  // not set it), stderr appended to `log` (restarts keep the history), and
  // waits (up to 20 s) until it listens. False if it did not start or exited.
  bool Start(const std::vector<std::string>& flags, const std::string& log);
  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_port_; }

  // SIGTERM, then the exit status within `timeout` (-1 if it had to be killed).
  int Stop(std::chrono::seconds timeout);
  // SIGTERM without waiting (Stop's first half), and the second half: the
  // exit status within `timeout`, -1 if it is still running then.
  void Terminate();
  int WaitForExit(std::chrono::seconds timeout);
  // SIGKILL and reap: a crash, for restart tests.
  void Kill();
  bool Running();
  // The server's stderr so far (for failure messages).
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int grpc_port_ = 0;
  int http_port_ = 0;
  std::string log_;
};

// Writes DIR/cert.pem and DIR/key.pem (P-256, CN=localhost, SAN localhost and
// 127.0.0.1) with the openssl CLI. False with `*error` set on failure.
bool WriteSelfSignedCertificate(const std::string& dir, std::string* error);

}  // namespace wordloom::service::testing

#endif  // WORDLOOM_TESTS_SERVICE_SERVER_PROCESS_H_
