// A small HTTP/1.1 server on Boost.Beast for the JSON gateway and /metrics,
// plaintext or TLS (boost::asio::ssl). Protects itself from slow or abusive clients: each request must arrive
// whole within `read_timeout` (slow-loris), headers are capped at 16 KB and
// bodies at `max_body_bytes` (413), idle keep-alive connections close after
// `read_timeout`, at most `max_connections` are open at once, and a request
// that is not HTTP gets a 400 in Comprehend's error shape before the close.
//
// The handler runs on the I/O thread and must not block: hand CPU work to
// the work pool and call `respond` (from any thread, exactly once) when done.
//
// Thread-safe. Shutdown() stops accepting, lets requests being handled
// finish (up to `drain`), then closes everything.
#ifndef WORDLOOM_SERVICE_HTTP_SERVER_H_
#define WORDLOOM_SERVICE_HTTP_SERVER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/auth.h"
#include "service/comprehend_gateway.h"

namespace wordloom::service {

struct HttpRequest {
  std::string method;       // "GET", "POST", ...
  std::string target;       // "/", "/metrics"
  std::string amz_target;   // X-Amz-Target header
  std::string authorization;  // Authorization header
  std::string body;
};

using HttpResponder = std::function<void(HttpReply)>;
using HttpHandler = std::function<void(HttpRequest request, HttpResponder respond)>;

struct HttpServerOptions {
  // Address to listen on ("0.0.0.0", "127.0.0.1", "::").
  std::string address = "0.0.0.0";
  // Port; 0 = any free port (see HttpServer::port()).
  int port = 8501;
  // I/O threads.
  int threads = 1;
  // A request (headers and body) must arrive within this time.
  absl::Duration read_timeout = absl::Seconds(10);
  // Largest accepted request body.
  size_t max_body_bytes = 4 << 20;
  // Connections beyond this are closed at once.
  int max_connections = 1024;
  // Serve HTTPS with this key pair (plain HTTP when not enabled()).
  TlsKeyPair tls;
};

class HttpServer {
 public:
  // Binds and starts serving. Errors: Unavailable (cannot bind),
  // InvalidArgument (bad address, or a TLS key pair OpenSSL refuses).
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                           HttpHandler handler);
  ~HttpServer();

  int port() const { return port_; }
  // Connections open now.
  int connections() const;
  // Stops accepting, waits up to `drain` for requests in progress, closes.
  void Shutdown(absl::Duration drain);

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl, int port);
  std::unique_ptr<Impl> impl_;
  int port_;
};

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_HTTP_SERVER_H_
