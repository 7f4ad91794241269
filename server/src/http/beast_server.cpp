#include "http/beast_server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <list>
#include <mutex>
#include <thread>

namespace hk::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// One connection's state as the shutdown sees it.
// The stream pointer is set and cleared on the connection's strand, and only used there.
struct Connection {
  asio::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;
  std::atomic<bool> idle{true};
};

}  // namespace

struct Server::Impl {
  const Pipeline& pipeline;
  WorkerPool& pool;
  ServerOptions options;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::list<std::shared_ptr<Connection>> connections;

  Impl(const Pipeline& p, WorkerPool& w, ServerOptions o)
      : pipeline(p), pool(w), options(std::move(o)) {}

  awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      // Each connection gets its own strand, so the shutdown can reach it safely from any
      // I/O thread.
      tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(io),
                                                          asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket)), asio::detached);
    }
  }

  Response dispatch_error(Request& request, const ApiError& error) {
    auto response = pipeline.error(request, error);
    pipeline.finish(request, response);
    return response;
  }

  // Runs a handler on the worker pool. The coroutine waits on a timer that the worker
  // cancels through this connection's strand once the response is ready; the request and
  // response live in this frame, which stays alive while it waits.
  awaitable<Response> run_on_pool(const Route& route, Request& request) {
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer done(ex, asio::steady_timer::time_point::max());
    Response response;
    bool queued = pool.try_submit([this, &route, &request, &response, &done, ex] {
      response = pipeline.run(route, request);
      asio::post(ex, [&done] { done.cancel(); });
    });
    if (!queued) co_return pipeline.error(request, overloaded());
    boost::system::error_code ec;
    co_await done.async_wait(asio::redirect_error(use_awaitable, ec));
    co_return response;
  }

  // The status line and headers written by hand and sent with the body in one gather write:
  // Beast's serializer copied every header into its own field list first and walked them as a
  // chain of buffers, which cost more than the rest of a cached answer.
  awaitable<void> write(beast::tcp_stream& stream, Response& response, bool keep_alive,
                        boost::system::error_code& ec) {
    bool no_body = response.status == 204 || response.status == 304;
    auto body = response.payload();
    std::string head;
    head.reserve(1024);
    head += "HTTP/1.1 ";
    head += std::to_string(response.status);
    head += ' ';
    head += bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(response.status)));
    head += "\r\n";
    for (const auto& [k, v] : response.headers) {
      head += k;
      head += ": ";
      // Header values never carry a line break, whatever a handler put there.
      if (v.find_first_of("\r\n") == std::string::npos) {
        head += v;
      } else {
        for (char c : v) head += (c == '\r' || c == '\n') ? ' ' : c;
      }
      head += "\r\n";
    }
    // No body and, per RFC 9110, no Content-Length on 204.
    if (!no_body) {
      head += "Content-Length: ";
      head += std::to_string(body.size());
      head += "\r\n";
    }
    if (!keep_alive) head += "Connection: close\r\n";
    head += "\r\n";
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::const_buffer()};
    if (!no_body && !response.head_only) buffers[1] = asio::buffer(body.data(), body.size());
    stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
    co_await asio::async_write(stream, buffers, asio::redirect_error(use_awaitable, ec));
  }

  awaitable<void> linger(beast::tcp_stream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    std::array<char, 16384> sink;
    std::size_t discarded = 0;
    stream.expires_after(std::chrono::seconds(2));
    while (!ec && discarded < 64 * 1024 * 1024) {
      discarded += co_await stream.async_read_some(asio::buffer(sink),
                                                   asio::redirect_error(use_awaitable, ec));
    }
  }

  awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    auto conn = std::make_shared<Connection>();
    conn->executor = stream.get_executor();
    conn->stream = &stream;
    std::list<std::shared_ptr<Connection>>::iterator self;
    {
      std::lock_guard lock(connections_mutex);
      self = connections.insert(connections.end(), conn);
    }
    std::string remote;
    {
      boost::system::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    beast::flat_buffer buffer;
    for (;;) {
      boost::system::error_code ec;
      if (buffer.size() == 0) {
        // Waiting for the next request: the shutdown may close us here.
        conn->idle = true;
        if (stopping) break;
        stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
        auto n = co_await stream.async_read_some(buffer.prepare(4096),
                                                 asio::redirect_error(use_awaitable, ec));
        if (ec) break;
        buffer.commit(n);
      }
      conn->idle = false;

      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(pipeline.max_body_bytes());
      parser.header_limit(16 * 1024);
      stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      co_await bhttp::async_read_header(stream, buffer, parser,
                                        asio::redirect_error(use_awaitable, ec));
      if (!ec && !parser.is_done()) {
        // Clients such as curl wait for this before they send a larger body.
        auto expect = parser.get()[bhttp::field::expect];
        if (beast::iequals(expect, "100-continue")) {
          bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, 11};
          co_await bhttp::async_write(stream, proceed, asio::redirect_error(use_awaitable, ec));
        }
        if (!ec) {
          co_await bhttp::async_read(stream, buffer, parser,
                                     asio::redirect_error(use_awaitable, ec));
        }
      }

      Request request;
      request.remote_address = remote;
      if (ec) {
        std::optional<ApiError> error;
        if (ec == bhttp::error::body_limit) {
          error = payload_too_large(pipeline.max_body_bytes());
        } else if (ec == bhttp::error::header_limit) {
          error = ApiError(431, "headers-too-large",
                           {"Kopfzeilen zu groß", "Request header fields too large"},
                           {"Die Kopfzeilen oder die Adresse der Anfrage sind zu lang.",
                            "The request headers or the request target are too long."});
        } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                   ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
          error =
              ApiError(400, "bad-request", {"Ungültige Anfrage", "Bad request"},
                       {"Die Anfrage ist kein gültiges HTTP.", "The request is not valid HTTP."});
        }
        if (error) {
          if (parser.is_header_done()) {
            request.method = std::string(parser.get().method_string());
            request.target = std::string(parser.get().target());
          }
          request.route = "(rejected)";
          request.request_id = new_request_id();
          auto response = dispatch_error(request, *error);
          boost::system::error_code wec;
          co_await write(stream, response, false, wec);
          // The client may still be sending the rejected body; closing now would reset the
          // connection before it reads the answer. Read and discard for a little while.
          if (!wec) co_await linger(stream);
        }
        break;
      }

      auto& msg = parser.get();
      request.method = std::string(msg.method_string());
      request.target = std::string(msg.target());
      for (const auto& field : msg) {
        request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      request.body = std::move(msg.body());
      request.received = std::chrono::steady_clock::now();
      bool keep_alive = msg.keep_alive();

      auto prepared = pipeline.prepare(request);
      Response response;
      if (prepared.immediate) {
        response = std::move(*prepared.immediate);
      } else if (prepared.route->execution == Execution::inline_io) {
        response = pipeline.run(*prepared.route, request);
      } else {
        response = co_await run_on_pool(*prepared.route, request);
      }
      pipeline.finish(request, response);
      keep_alive = keep_alive && !stopping;
      co_await write(stream, response, keep_alive, ec);
      if (ec || !keep_alive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
    conn->stream = nullptr;
    std::lock_guard lock(connections_mutex);
    connections.erase(self);
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    spdlog::info("shutting down: finishing requests in flight");
    boost::system::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    close_connections(/*only_idle=*/true);
    asio::co_spawn(io, drain(), asio::detached);
  }

  void close_connections(bool only_idle) {
    std::lock_guard lock(connections_mutex);
    for (auto& c : connections) {
      if (!only_idle || c->idle) {
        // Cancelling, not closing: the session's own coroutine closes the socket it owns.
        asio::post(c->executor, [c, only_idle] {
          if (c->stream && (!only_idle || c->idle)) c->stream->cancel();
        });
      }
    }
  }

  // Waits for in-flight requests; past the grace period, cuts the rest off.
  awaitable<void> drain() {
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
    asio::steady_timer timer(io);
    for (;;) {
      {
        std::lock_guard lock(connections_mutex);
        if (connections.empty()) co_return;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        spdlog::warn("grace period over: closing remaining connections");
        close_connections(false);
        co_return;
      }
      close_connections(true);  // a connection may have gone idle since
      timer.expires_after(std::chrono::milliseconds(50));
      co_await timer.async_wait(use_awaitable);
    }
  }
};

Server::Server(const Pipeline& pipeline, WorkerPool& pool, ServerOptions options)
    : impl_(std::make_unique<Impl>(pipeline, pool, std::move(options))) {}

Server::~Server() = default;

unsigned short Server::listen() {
  auto address = asio::ip::make_address(impl_->options.host);
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(endpoint);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](const boost::system::error_code& ec, int) {
    if (!ec) impl.begin_shutdown();
  });
  asio::co_spawn(impl.io, impl.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.options.io_threads; ++i) {
    threads.emplace_back([&impl] { impl.io.run(); });
  }
  impl.io.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  asio::post(impl_->io, [this] { impl_->begin_shutdown(); });
}

}  // namespace hk::http
