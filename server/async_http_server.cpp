#include "server/async_http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "server/http_connection.hpp"

namespace delegate::server {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using error_code = beast::error_code;
using Clock = std::chrono::steady_clock;
using transport::Connection;
using transport::ServerShared;

namespace {

std::string plainAddress(const tcp::endpoint& endpoint) {
  auto address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).to_string();
  return address.to_string();
}

}  // namespace

struct AsyncHttpServer::Impl {
  Impl(const Router& router, const HttpLimits& limits,
       std::function<bool(const std::string&)> exempt)
      : shared(router, limits, std::move(exempt)),
        acceptor(net::make_strand(io)),
        retryAccept(acceptor.get_executor()) {}

  void accept() {
    acceptor.async_accept(net::make_strand(io), [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {
        // Out of file descriptors (or another passing failure): pause rather than spin.
        retryAccept.expires_after(std::chrono::milliseconds(50));
        retryAccept.async_wait([this](error_code) { accept(); });
        return;
      }
      onAccepted(std::move(socket));
      accept();
    });
  }

  void onAccepted(tcp::socket socket) {
    error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (ec) return;
    socket.set_option(tcp::no_delay(true), ec);
    std::string address = plainAddress(remote);
    if (auto refused = shared.admit(address)) return refuseConnection(std::move(socket), *refused);
    if (tls)
      std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(shared, std::move(address),
                                                                         std::move(socket), *tls)
          ->start();
    else
      std::make_shared<Connection<beast::tcp_stream>>(shared, std::move(address), std::move(socket))
          ->start();
  }

  // 503 without reading the request: one non-blocking send of a short answer (it fits the
  // socket's buffer), then close. A TLS client would not understand it; it is just closed.
  void refuseConnection(tcp::socket socket, const std::string& why) {
    error_code ec;
    if (!tls) {
      httplib::Response res;
      sendError(res, errc::serviceUnavailable, why);
      res.set_header("Retry-After", "5");
      const std::string bytes = responseHead(res, false, true, false) + res.body;
      socket.non_blocking(true, ec);
      socket.send(net::buffer(bytes), 0, ec);
      socket.shutdown(tcp::socket::shutdown_send, ec);
    }
    socket.close(ec);
  }

  // Before the loop: destroying the loop destroys the connections it still holds, and they
  // give their counts back to `shared`.
  ServerShared shared;
  net::io_context io;
  tcp::acceptor acceptor;
  net::steady_timer retryAccept;
  std::optional<net::ssl::context> tls;
  std::mutex stopMutex;
  std::condition_variable stopAsked;
  bool stopping = false;
};

AsyncHttpServer::AsyncHttpServer(const Router& router, const HttpLimits& limits,
                                 std::function<bool(const std::string&)> exemptFromAddressCap)
    : impl_(std::make_unique<Impl>(router, limits, std::move(exemptFromAddressCap))) {}

AsyncHttpServer::~AsyncHttpServer() = default;

ParkedWaits& AsyncHttpServer::parked() {
  return impl_->shared.waits;
}

std::string AsyncHttpServer::useTls(const std::string& certFile, const std::string& keyFile) {
  net::ssl::context ctx(net::ssl::context::tls_server);
  ctx.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                  net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                  net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
  error_code ec;
  ctx.use_certificate_chain_file(certFile, ec);
  if (ec) return "the HTTPS listener could not load the certificate " + certFile;
  ctx.use_private_key_file(keyFile, net::ssl::context::pem, ec);
  if (ec) return "the HTTPS listener could not load the key " + keyFile;
  impl_->tls.emplace(std::move(ctx));
  return {};
}

std::string AsyncHttpServer::bind(const std::string& host, int port) {
  error_code ec;
  auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) {
    tcp::resolver resolver(impl_->io);
    auto found = resolver.resolve(host, std::to_string(port), ec);
    if (ec || found.empty()) return "cannot resolve " + host;
    address = found.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  // SO_REUSEADDR: a restart binds at once over the last run's closing connections, while a
  // second live server on the same port is refused (no SO_REUSEPORT).
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return "cannot listen on " + host + ":" + std::to_string(port) + " (" + ec.message() + ")";
  return {};
}

int AsyncHttpServer::port() const {
  error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void AsyncHttpServer::run() {
  Impl& m = *impl_;
  net::post(m.acceptor.get_executor(), [&m] { m.accept(); });
  auto work = net::make_work_guard(m.io);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < std::max<std::size_t>(1, m.shared.limits.ioThreads); ++i)
    threads.emplace_back([&m] { m.io.run(); });
  {
    std::unique_lock lock(m.stopMutex);
    m.stopAsked.wait(lock, [&] { return m.stopping; });
  }
  // Stop accepting; let handlers end and their answers go out (bounded), then stop the loops.
  std::promise<void> closed;
  net::post(m.acceptor.get_executor(), [&] {
    error_code ignored;
    m.acceptor.close(ignored);
    m.retryAccept.cancel();
    closed.set_value();
  });
  closed.get_future().wait();
  m.shared.pool.drain();
  m.shared.waitQuiet(Clock::now() + std::chrono::seconds(5));
  work.reset();
  m.io.stop();
  for (std::thread& t : threads) t.join();
}

void AsyncHttpServer::stop() {
  {
    std::lock_guard lock(impl_->stopMutex);
    impl_->stopping = true;
  }
  impl_->stopAsked.notify_all();
}

}  // namespace delegate::server
