#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace hk::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs: on the bounded worker pool (anything that may block, i.e. every
// database call) or inline on the I/O thread (cheap, non-blocking work only).
enum class Execution { pool, inline_io };

// Whether the pipeline's ResponseCache may answer the route: only for public reads whose
// answer depends on nothing but the request target and language when no one is signed in.
enum class Caching { none, anonymous };

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/municipalities/{id}"
  Handler handler;
  Execution execution = Execution::pool;
  Caching caching = Caching::none;
  // The pattern split once at registration: literal segments, or parameter names.
  struct Segment {
    std::string text;
    bool parameter;
  };
  std::vector<Segment> segments;
};

struct RouteMatch {
  enum class Kind { found, method_not_allowed, not_found } kind = Kind::not_found;
  const Route* route = nullptr;
  std::unordered_map<std::string, std::string> params;
  std::vector<std::string> allowed;  // for method_not_allowed, sorted
};

// Method + path template router. Literal segments beat parameters, so "/needs/discover"
// wins over "/needs/{id}" whatever the order of registration.
class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler,
           Execution execution = Execution::pool, Caching caching = Caching::none);
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace hk::http
