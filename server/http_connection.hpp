#pragma once
// One connection of the event-driven transport (server/async_http_server.hpp), plain or TLS:
// its request cycle (idle wait, header deadline, body plan, 100-continue), handing the request
// to the worker pool, parking and waking a long-poll, writing the answer (whole or streamed),
// and closing. Only async_http_server.cpp includes it.
#include <httplib.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/errors.hpp"
#include "server/body_limits.hpp"
#include "server/http_errors.hpp"
#include "server/http_setup.hpp"
#include "server/http_wire.hpp"
#include "server/long_poll.hpp"
#include "server/parked_waits.hpp"
#include "server/router.hpp"
#include "server/worker_pool.hpp"

namespace delegate::server::transport {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using error_code = beast::error_code;

// A header larger than this is refused (431): cookies and a bearer token fit many times over.
constexpr std::size_t kHeaderLimit = 16 * 1024;
// Streamed answers go out in pieces of about this size (each a chunk, each its own deadline).
constexpr std::size_t kStreamFlushBytes = 64 * 1024;
// After refusing a request whose body may still be arriving, read (and drop) what comes for at
// most this long before closing, so the client reads the refusal instead of a reset.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 8u << 20;
// A handler that keeps parking while parking is closed (shutdown) is cut off after this many runs.
constexpr int kMaxImmediateReruns = 100;

// What every connection shares: the routes, the limits, the worker pool, the parked long-polls
// and the connection counts.
struct ServerShared {
  ServerShared(const Router& r, const HttpLimits& l, std::function<bool(const std::string&)> e)
      : router(r), limits(l), exempt(std::move(e)), pool(l.workerThreads) {}

  const Router& router;
  const HttpLimits limits;
  std::function<bool(const std::string&)> exempt;
  ParkedWaits waits;
  WorkerPool pool;

  // Admits a new connection from `address`, or says why not (then it is answered 503).
  std::optional<std::string> admit(const std::string& address) {
    std::lock_guard lock(countsMutex);
    if (total >= limits.maxConnections)
      return "The server has as many connections as it takes; try again shortly.";
    std::size_t& mine = perAddress[address];
    if (limits.maxConnectionsPerAddress > 0 && mine >= limits.maxConnectionsPerAddress &&
        !(exempt && exempt(address))) {
      if (mine == 0) perAddress.erase(address);
      return "Too many connections from your address; close some and try again.";
    }
    ++mine;
    ++total;
    return std::nullopt;
  }
  void release(const std::string& address) {
    std::lock_guard lock(countsMutex);
    auto found = perAddress.find(address);
    if (found != perAddress.end() && --found->second == 0) perAddress.erase(found);
    --total;
  }

  // Exchanges between a request's header and its answer written (shutdown waits for them).
  void beginExchange() {
    std::lock_guard lock(countsMutex);
    ++busy;
  }
  void endExchange() {
    std::lock_guard lock(countsMutex);
    if (--busy == 0) quiet.notify_all();
  }
  bool waitQuiet(Clock::time_point until) {
    std::unique_lock lock(countsMutex);
    return quiet.wait_until(lock, until, [&] { return busy == 0; });
  }

  std::mutex countsMutex;
  std::condition_variable quiet;
  std::unordered_map<std::string, std::size_t> perAddress;
  std::size_t total = 0;
  std::size_t busy = 0;
};

// One request in flight on a connection: kept across parks so a woken long-poll runs again with
// the same request and its first deadline.
struct Exchange {
  explicit Exchange(httplib::Request r) : req(std::move(r)), poll(Clock::now()) {}
  httplib::Request req;
  LongPoll poll;
  bool http10 = false;
  bool keepAlive = true;
  int immediateReruns = 0;
};

template <class Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>> {
 public:
  template <class... StreamArgs>
  Connection(ServerShared& shared, std::string address, tcp::socket&& socket,
             StreamArgs&&... streamArgs)
      : s_(shared),
        address_(std::move(address)),
        stream_(std::move(socket), std::forward<StreamArgs>(streamArgs)...),
        timer_(stream_.get_executor()) {
    error_code ec;
    auto& sock = beast::get_lowest_layer(stream_).socket();
    auto remote = sock.remote_endpoint(ec);
    remotePort_ = ec ? -1 : remote.port();
    auto local = sock.local_endpoint(ec);
    if (!ec) {
      localAddr_ = local.address().to_string();
      localPort_ = local.port();
    }
  }
  ~Connection() { s_.release(address_); }

  void start() {
    if constexpr (kTls) {
      // The handshake is the first thing a TLS client sends: held to the header deadline.
      lowest().expires_after(std::chrono::seconds(s_.limits.headerSeconds));
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](error_code ec) {
                                if (ec) return self->closeNow();
                                self->awaitRequest();
                              });
    } else {
      awaitRequest();
    }
  }

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
  auto strand() { return stream_.get_executor(); }

  // ---- reading a request ------------------------------------------------------------------
  // Waiting for a request's first byte costs no buffer: the socket's readiness is awaited under
  // the idle timeout; the header deadline starts once something arrives. Over TLS, bytes may
  // already wait inside the TLS engine (read with the handshake or the last request) while the
  // socket shows nothing, so the first piece is read through the stream instead.
  void awaitRequest() {
    if (buffer_.size() > 0) return readHeader();
    buffer_.shrink_to_fit();
    if constexpr (kTls) {
      lowest().expires_after(std::chrono::seconds(s_.limits.idleSeconds));
      stream_.async_read_some(buffer_.prepare(4096),
                              [self = this->shared_from_this()](error_code ec, std::size_t n) {
                                if (ec) return self->closeNow();
                                self->buffer_.commit(n);
                                self->readHeader();
                              });
    } else {
      waitingIdle_ = true;
      timer_.expires_after(std::chrono::seconds(s_.limits.idleSeconds));
      timer_.async_wait([self = this->shared_from_this()](error_code ec) {
        if (ec || !self->waitingIdle_) return;
        self->waitingIdle_ = false;
        self->closeNow();
      });
      lowest().socket().async_wait(tcp::socket::wait_read,
                                   [self = this->shared_from_this()](error_code ec) {
                                     if (!self->waitingIdle_) return;
                                     self->waitingIdle_ = false;
                                     self->timer_.cancel();
                                     if (ec) return self->closeNow();
                                     self->readHeader();
                                   });
    }
  }

  void readHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // Beast would refuse a declared length above its limit while reading the header, as a parse
    // error; body_limits.cpp judges it instead (413, or drain then 413), so the limit is set
    // once the header is in.
    parser_->body_limit(boost::none);
    // One timer for the whole header rather than the stream's per-read deadline: a header that
    // trickles in a byte at a time then costs one read per byte, not a timer armed and
    // cancelled with each.
    lowest().expires_never();
    readingHeader_ = ++headerRound_;
    timer_.expires_after(std::chrono::seconds(s_.limits.headerSeconds));
    timer_.async_wait([self = this->shared_from_this(), round = headerRound_](error_code ec) {
      if (!ec && self->readingHeader_ == round) self->closeNow();
    });
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](error_code ec, std::size_t) { self->onHeader(ec); });
  }

  void onHeader(error_code ec) {
    readingHeader_ = 0;
    timer_.cancel();
    if (ec) {
      // A request we could not parse gets an answer; a timeout or a closed socket does not.
      if (ec.category() != http::make_error_code(http::error::bad_target).category() ||
          ec == http::error::end_of_stream || ec == http::error::partial_message)
        return closeNow();
      return refuse(ec == http::error::header_limit ? 431 : 400,
                    ec == http::error::header_limit ? "The request header is too large."
                                                    : "The request could not be understood.");
    }
    const auto& head = parser_->get();
    httplib::Request req;
    req.method = std::string(head.method_string());
    setTarget(req, head.target());
    req.version = head.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
    for (const auto& field : head)
      req.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    req.remote_addr = address_;
    req.remote_port = remotePort_;
    req.local_addr = localAddr_;
    req.local_port = localPort_;
    exchange_ = std::make_shared<Exchange>(std::move(req));
    exchange_->http10 = head.version() == 10;
    exchange_->keepAlive = head.keep_alive();
    s_.beginExchange();

    httplib::Response res;
    parser_->body_limit(s_.limits.maxBodyBytes);  // a chunked body is counted against it
    switch (planBody(exchange_->req, res, s_.limits.maxBodyBytes)) {
      case BodyPlan::refuseNow:
        return answerNow(std::move(res), true);
      case BodyPlan::drainThenRefuse:
        parser_->body_limit(kDrainAtMostBytes);
        refusal_ = std::move(res);
        return readBody();
      case BodyPlan::read:
        break;
    }
    if (parser_->is_done()) return dispatch();
    if (beast::iequals(head[http::field::expect], "100-continue")) {
      // The go-ahead the client waits for before it sends the body.
      auto go = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
      lowest().expires_after(std::chrono::seconds(s_.limits.writeSeconds));
      return net::async_write(stream_, net::buffer(*go),
                              [self = this->shared_from_this(), go](error_code ec, std::size_t) {
                                if (ec) return self->abandon();
                                self->readBody();
                              });
    }
    readBody();
  }

  void readBody() {
    lowest().expires_after(std::chrono::seconds(s_.limits.bodySeconds));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](error_code ec, std::size_t) { self->onBody(ec); });
  }

  void onBody(error_code ec) {
    if (ec == http::error::body_limit) {
      // A chunked body passed the limit as it arrived (or a drained one its declared size).
      httplib::Response res;
      refuseLargeBody(res);
      return answerNow(std::move(res), true);
    }
    if (ec) return abandon();
    if (refusal_) {
      httplib::Response res = std::move(*refusal_);
      refusal_.reset();
      return answerNow(std::move(res), true);
    }
    exchange_->req.body = std::move(parser_->get().body());
    dispatch();
  }

  // ---- running the handler ----------------------------------------------------------------
  void dispatch() {
    lowest().expires_never();  // the handler's time is its own; the answer gets a write deadline
    runHandler();
  }

  // On a worker: the routes and hooks, then the answer goes back to the connection's strand.
  void runHandler() {
    s_.pool.post([self = this->shared_from_this(), ex = exchange_] {
      httplib::Response res;
      {
        LongPoll::Scope scope(ex->poll);
        self->s_.router.dispatch(ex->req, res);
      }
      if (auto parked = ex->poll.takePark()) {
        net::post(self->strand(), [self, p = *parked] { self->park(p); });
        return;
      }
      if (res.content_provider_) {
        self->stream(*ex, res);
        return;
      }
      const bool close = !ex->keepAlive || res.get_header_value("Connection") == "close";
      std::string bytes = responseHead(res, false, close, ex->http10);
      if (ex->req.method != "HEAD") bytes += res.body;
      net::post(self->strand(), [self, bytes = std::move(bytes), close]() mutable {
        self->write(std::move(bytes), close);
      });
    });
  }

  // Held without a thread until the head passes `p.seen` or `p.until`; then the handler runs
  // again. Whichever comes first takes the wait out of the table; the other finds it gone.
  void park(LongPoll::Park p) {
    auto self = this->shared_from_this();
    auto ticket = s_.waits.park(p.seen, [self] {
      net::post(self->strand(), [self] {
        self->timer_.cancel();
        self->runHandler();
      });
    });
    if (!ticket) {
      // Already past, or shutting down: run again now (a handler that parks forever is cut).
      if (++exchange_->immediateReruns > kMaxImmediateReruns) return abandon();
      return runHandler();
    }
    exchange_->immediateReruns = 0;
    timer_.expires_at(p.until);
    timer_.async_wait([self, t = *ticket](error_code ec) {
      if (!ec && self->s_.waits.cancel(t)) self->runHandler();
    });
  }

  // A streamed answer (httplib's chunked content provider), written from the worker: each
  // piece is handed to the strand and the worker waits for it to be written, so a slow reader
  // slows only its own answer and the write deadline applies to every piece.
  void stream(Exchange& ex, httplib::Response& res) {
    const bool close = !ex.keepAlive || res.get_header_value("Connection") == "close";
    std::string pending = responseHead(res, true, close, ex.http10);
    bool failed = false;
    auto flush = [&] {
      if (failed || pending.empty()) return;
      std::promise<error_code> written;
      auto done = written.get_future();
      net::post(strand(), [this, &pending, &written] {
        lowest().expires_after(std::chrono::seconds(s_.limits.writeSeconds));
        net::async_write(stream_, net::buffer(pending),
                         [&written](error_code ec, std::size_t) { written.set_value(ec); });
      });
      failed = static_cast<bool>(done.get());
      pending.clear();
    };
    bool finished = false;
    if (ex.req.method != "HEAD") {
      httplib::DataSink sink;
      std::size_t offset = 0;
      sink.write = [&](const char* data, std::size_t size) {
        if (failed) return false;
        offset += size;
        appendChunk(pending, std::string_view(data, size));
        if (pending.size() >= kStreamFlushBytes) flush();
        return !failed;
      };
      sink.done = [&] { finished = true; };
      sink.is_writable = [&] { return !failed; };
      while (!finished && !failed)
        if (!res.content_provider_(offset, 0, sink)) failed = true;
      res.content_provider_success_ = !failed;
    }
    if (!failed) pending += kLastChunk;
    flush();
    net::post(strand(), [self = this->shared_from_this(), close = close || failed] {
      self->finishExchange(close);
    });
  }

  // ---- writing the answer -----------------------------------------------------------------
  // A refusal made here, before any handler: the router adds default headers and error hooks.
  void answerNow(httplib::Response res, bool close) {
    lowest().expires_never();
    s_.router.finishTransportAnswer(exchange_->req, res);
    write(responseHead(res, false, close, exchange_->http10) + res.body, close);
  }

  // A request that could not be parsed: answered in JSON (there is no route to ask), closed.
  void refuse(int status, const std::string& message) {
    httplib::Response res;
    res.set_header("Connection", "close");
    sendTransportError(res, status, errc::invalidRequest, message);
    httplib::Request none;
    s_.router.finishTransportAnswer(none, res);
    out_ = responseHead(res, false, true, false) + res.body;
    lowest().expires_after(std::chrono::seconds(s_.limits.writeSeconds));
    net::async_write(
        stream_, net::buffer(out_),
        [self = this->shared_from_this()](error_code, std::size_t) { self->lingerClose(); });
  }

  void write(std::string bytes, bool close) {
    out_ = std::move(bytes);
    lowest().expires_after(std::chrono::seconds(s_.limits.writeSeconds));
    net::async_write(stream_, net::buffer(out_),
                     [self = this->shared_from_this(), close](error_code ec, std::size_t) {
                       self->finishExchange(close || static_cast<bool>(ec));
                     });
  }

  void finishExchange(bool close) {
    out_.clear();
    out_.shrink_to_fit();
    exchange_.reset();
    parser_.reset();
    s_.endExchange();
    if (close) return lingerClose();
    awaitRequest();
  }

  // The exchange ends without an answer (the client went away or stalled).
  void abandon() {
    if (exchange_) {
      exchange_.reset();
      s_.endExchange();
    }
    closeNow();
  }

  // Closes after an answer: stop sending, then read and drop what the client still sends for a
  // moment, so that a refusal sent while a body was arriving is read rather than reset.
  void lingerClose() {
    if constexpr (kTls) {
      return closeNow();
    } else {
      error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) return closeNow();
      lowest().expires_after(kLingerTime);
      buffer_.clear();
      drain();
    }
  }
  void drain() {
    if (buffer_.size() > 0 || lingered_ > kLingerBytes) return closeNow();
    lowest().async_read_some(buffer_.prepare(16 * 1024),
                             [self = this->shared_from_this()](error_code ec, std::size_t n) {
                               if (ec) return self->closeNow();
                               self->lingered_ += n;
                               self->drain();
                             });
  }

  void closeNow() {
    error_code ignored;
    timer_.cancel();
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close();
  }

  ServerShared& s_;
  std::string address_;
  int remotePort_ = -1;
  std::string localAddr_;
  int localPort_ = -1;
  Stream stream_;
  net::steady_timer timer_;  // the idle wait, the header deadline, a parked long-poll's deadline
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Exchange> exchange_;
  std::optional<httplib::Response> refusal_;
  std::string out_;
  bool waitingIdle_ = false;
  std::uint64_t readingHeader_ = 0;  // the header being read (its round), or 0
  std::uint64_t headerRound_ = 0;
  std::size_t lingered_ = 0;
};

}  // namespace delegate::server::transport
