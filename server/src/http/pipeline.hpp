#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace hk::http {

struct PipelineOptions {
  std::size_t max_body_bytes = 1024 * 1024;
  std::string extra_img_src;  // e.g. an operator's tile server, added to the CSP
  bool https = false;         // the public URL is https: send Strict-Transport-Security
  std::vector<std::string> trusted_proxies;  // see Config::trusted_proxies
};

// The middleware around every request, apart from the transport: request id, language,
// routing, static files, error mapping, security headers, metrics and the access log.
// The transport calls prepare(), runs the handler (inline or on the pool) through run(),
// then finish(); so all of this is tested without sockets.
class Pipeline {
 public:
  // `cache` (optional) answers the routes registered with Caching::anonymous.
  Pipeline(const Router& router, const StaticFiles* static_files, Metrics& metrics,
           PipelineOptions options, ResponseCache* cache = nullptr);

  struct Prepared {
    const Route* route = nullptr;       // set: run this handler
    std::optional<Response> immediate;  // set: the answer is ready (static file, cached, 404)
  };

  Prepared prepare(Request& request) const;
  // Calls the handler and maps every exception to a problem response; keeps a cacheable
  // answer in the cache.
  Response run(const Route& route, Request& request) const;
  Response error(const Request& request, const ApiError& error) const;
  // Adds the headers every response carries, records metrics and writes the access log.
  void finish(const Request& request, Response& response) const;

  std::size_t max_body_bytes() const { return options_.max_body_bytes; }

 private:
  const Router& router_;
  const StaticFiles* static_files_;
  Metrics& metrics_;
  PipelineOptions options_;
  ResponseCache* cache_;
  std::string csp_;

  Response call(const Route& route, Request& request) const;
};

// A fresh random request id (16 hex digits).
std::string new_request_id();

}  // namespace hk::http
