#pragma once

#include <memory>
#include <string>

#include "http/pipeline.hpp"
#include "http/worker_pool.hpp"

namespace hk::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  int read_timeout_seconds = 30;
  int idle_timeout_seconds = 75;
  int shutdown_grace_seconds = 30;
};

// The HTTP/1.1 transport (Beast, C++20 coroutines). It turns bytes into our Request, runs
// the pipeline — handlers on the worker pool unless they are inline — and writes our
// Response. Beast stays inside this file pair.
class Server {
 public:
  Server(const Pipeline& pipeline, WorkerPool& pool, ServerOptions options);
  ~Server();

  // Binds and listens; returns the bound port (the real one when options.port is 0).
  unsigned short listen();
  // Serves until SIGTERM/SIGINT or stop(); then lets in-flight requests finish (up to the
  // grace period), closes idle connections and returns.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hk::http
