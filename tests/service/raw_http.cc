#include "tests/service/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace wordloom::service::testing {

RawConnection::RawConnection(int port, int read_timeout_seconds) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  timeval timeout{read_timeout_seconds, 0};
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

bool RawConnection::Send(const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string RawConnection::ReadUntilClosed(bool* closed) {
  std::string out;
  char buffer[4096];
  *closed = false;
  while (true) {
    const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n == 0) {
      *closed = true;
      return out;
    }
    if (n < 0) {
      // A reset after the server's last bytes is a close too.
      *closed = errno == ECONNRESET;
      return out;
    }
    out.append(buffer, static_cast<size_t>(n));
  }
}

std::string HttpExchange(int port, const std::string& request) {
  RawConnection connection(port, 10);
  if (!connection.connected() || !connection.Send(request)) return "";
  bool closed = false;
  return connection.ReadUntilClosed(&closed);
}

std::string ComprehendRequest(const std::string& operation, const std::string& body) {
  return absl::StrCat("POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n",
                      "X-Amz-Target: Comprehend_20171127.", operation,
                      "\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: ",
                      body.size(), "\r\n\r\n", body);
}

}  // namespace wordloom::service::testing
