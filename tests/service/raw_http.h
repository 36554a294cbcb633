// A raw TCP client for the JSON port tests: sends exact bytes (partial
// headers, garbage) that an HTTP library would refuse to send, and reads
// until the server closes. Every read is bounded by a receive timeout.
#ifndef WORDLOOM_TESTS_SERVICE_RAW_HTTP_H_
#define WORDLOOM_TESTS_SERVICE_RAW_HTTP_H_

#include <string>

namespace wordloom::service::testing {

// A connected loopback socket; closed by the destructor.
class RawConnection {
 public:
  // Connects to 127.0.0.1:`port`; reads give up after `read_timeout_seconds`.
  RawConnection(int port, int read_timeout_seconds);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& bytes);
  // Everything received until the server closes the connection, the read
  // times out (then *closed is false) or an error.
  std::string ReadUntilClosed(bool* closed);

 private:
  int fd_ = -1;
};

// Sends one HTTP/1.1 request with `Connection: close` and returns the whole
// response ("" if none).
std::string HttpExchange(int port, const std::string& request);

// A POST / request of Comprehend's protocol for `operation` with `body`.
std::string ComprehendRequest(const std::string& operation, const std::string& body);

}  // namespace wordloom::service::testing

#endif  // WORDLOOM_TESTS_SERVICE_RAW_HTTP_H_
