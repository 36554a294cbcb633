#include "service/http_server.h"

#include <chrono>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "boost/asio/dispatch.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/post.hpp"
#include "boost/asio/strand.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"
#include "boost/beast/ssl.hpp"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::service {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler handler;
  std::atomic<int> connections{0};
  std::atomic<int> in_flight{0};  // requests handed to the handler, not yet written
  std::atomic<bool> stopping{false};
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<net::ssl::context> ssl;  // set when serving TLS
  std::vector<std::thread> threads;

  void Accept();
};

namespace {

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  return std::chrono::microseconds(absl::ToInt64Microseconds(d));
}

// One client connection: (TLS handshake,) read a request, hand it to the
// handler, write the reply, repeat while keep-alive. Lives as long as an
// operation holds it.
template <bool kTls>
class Session : public std::enable_shared_from_this<Session<kTls>> {
 public:
  using Stream =
      std::conditional_t<kTls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

  Session(tcp::socket socket, HttpServer::Impl* server)
      : stream_(MakeStream(std::move(socket), server)), server_(server) {
    server_->connections.fetch_add(1);
  }
  ~Session() { server_->connections.fetch_sub(1); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->socket_layer().expires_after(ToChrono(self->server_->options.read_timeout));
        self->stream_.async_handshake(net::ssl::stream_base::server,
                                      [self](beast::error_code ec) {
                                        if (ec) return self->Close();
                                        self->Read();
                                      });
      } else {
        self->Read();
      }
    });
  }

 private:
  static Stream MakeStream(tcp::socket socket, HttpServer::Impl* server) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *server->ssl);
    } else {
      return Stream(std::move(socket));
    }
  }
  beast::tcp_stream& socket_layer() { return beast::get_lowest_layer(stream_); }

  void Read() {
    if (server_->stopping.load()) return Close();
    parser_.emplace();
    parser_->body_limit(server_->options.max_body_bytes);
    parser_->header_limit(16 * 1024);
    socket_layer().expires_after(ToChrono(server_->options.read_timeout));
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       self->OnRead(ec);
                     });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return Reply(ComprehendGateway::ErrorReply(
                       413, "TextSizeLimitExceededException",
                       absl::StrCat("request body exceeds ", server_->options.max_body_bytes,
                                    " bytes")),
                   /*keep_alive=*/false);
    }
    if (ec == http::error::header_limit) {
      return Reply(ComprehendGateway::ErrorReply(431, "InvalidRequestException",
                                                 "request headers exceed 16 KB"),
                   false);
    }
    // Not HTTP (bad method, version, header or chunk syntax): say so, close.
    if (ec.category() == beast::error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return Reply(ComprehendGateway::ErrorReply(
                       400, "InvalidRequestException",
                       absl::StrCat("malformed HTTP/1.1 request: ", ec.message())),
                   false);
    }
    if (ec) return Close();  // timeout (slow client), end of stream, reset
    http::request<http::string_body> req = parser_->release();
    HttpRequest request{std::string(req.method_string()), std::string(req.target()),
                        std::string(req["X-Amz-Target"]),
                        std::string(req[http::field::authorization]), std::move(req.body())};
    const bool keep_alive = req.keep_alive();
    server_->in_flight.fetch_add(1);
    socket_layer().expires_never();
    server_->handler(std::move(request),
                     [self = this->shared_from_this(), keep_alive](HttpReply reply) {
                       net::post(self->stream_.get_executor(),
                                 [self, keep_alive, reply = std::move(reply)]() mutable {
                                   self->server_->in_flight.fetch_sub(1);
                                   self->Reply(std::move(reply), keep_alive);
                                 });
                     });
  }

  void Reply(HttpReply reply, bool keep_alive) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(reply.status), 11);
    res->set(http::field::server, "wordloomd");
    res->set(http::field::content_type, reply.content_type);
    res->set("x-amzn-RequestId", absl::StrCat(absl::ToUnixNanos(absl::Now())));
    res->keep_alive(keep_alive && !server_->stopping.load());
    res->body() = std::move(reply.body);
    res->prepare_payload();
    socket_layer().expires_after(ToChrono(server_->options.read_timeout));
    http::async_write(stream_, *res,
                      [self = this->shared_from_this(), res](beast::error_code ec, size_t) {
                        if (ec || !res->keep_alive()) return self->Close();
                        self->Read();
                      });
  }

  void Close() {
    if constexpr (kTls) {
      socket_layer().expires_after(std::chrono::seconds(1));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  HttpServer::Impl* const server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

// An SSL context serving `tls`. Errors: InvalidArgument.
absl::Status ConfigureTls(const TlsKeyPair& tls, net::ssl::context* ssl) {
  beast::error_code ec;
  ssl->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                       net::ssl::context::no_tlsv1_1,
                   ec);
  if (!ec) ssl->use_certificate_chain(net::buffer(tls.cert_pem), ec);
  if (!ec) ssl->use_private_key(net::buffer(tls.key_pem), net::ssl::context::pem, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("TLS certificate or key refused by OpenSSL: ", ec.message()));
  }
  return absl::OkStatus();
}

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping.load() || ec == net::error::operation_aborted) return;
    if (!ec) {
      if (connections.load() >= options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        if (ssl.has_value()) {
          std::make_shared<Session<true>>(std::move(socket), this)->Start();
        } else {
          std::make_shared<Session<false>>(std::move(socket), this)->Start();
        }
      }
    }
    Accept();
  });
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl, int port)
    : impl_(std::move(impl)), port_(port) {}

HttpServer::~HttpServer() { Shutdown(absl::ZeroDuration()); }

int HttpServer::connections() const { return impl_->connections.load(); }

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options,
                                                              HttpHandler handler) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->handler = std::move(handler);
  if (options.tls.enabled()) {
    impl->ssl.emplace(net::ssl::context::tls_server);
    WL_RETURN_IF_ERROR(ConfigureTls(options.tls, &*impl->ssl));
  }
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(options.address, ec);
  if (ec) {
    return absl::InvalidArgumentError(absl::StrCat("HTTP address \"", options.address,
                                                   "\" is not an IP address"));
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat("cannot listen for HTTP on ", options.address, ":",
                                               options.port, ": ", ec.message()));
  }
  const int port = impl->acceptor.local_endpoint().port();
  impl->Accept();
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    impl->threads.emplace_back([ioc = &impl->ioc] { ioc->run(); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl), port));
}

void HttpServer::Shutdown(absl::Duration drain) {
  if (impl_ == nullptr || impl_->stopping.exchange(true)) return;
  net::post(impl_->ioc, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  const absl::Time deadline = absl::Now() + drain;
  while (impl_->in_flight.load() > 0 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  impl_->ioc.stop();
  for (std::thread& t : impl_->threads) t.join();
  impl_->threads.clear();
}

}  // namespace wordloom::service
