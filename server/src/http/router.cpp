#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace hk::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The number of literal segments matched (for precedence), or -1 on mismatch.
int score(const Route& route, const std::vector<std::string_view>& parts) {
  if (route.segments.size() != parts.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = route.segments[i];
    if (seg.parameter) continue;
    if (seg.text != parts[i]) return -1;
    ++literals;
  }
  return literals;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, Execution execution,
                 Caching caching) {
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      throw std::logic_error("route registered twice: " + method + " " + pattern);
    }
  }
  Route route{std::move(method), std::move(pattern), std::move(handler), execution, caching, {}};
  for (auto part : split_path(route.pattern)) {
    bool parameter = is_param(part);
    route.segments.push_back(
        {std::string(parameter ? part.substr(1, part.size() - 2) : part), parameter});
  }
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  // Trailing slashes are distinct resources; "/a/" does not match "/a".
  if (path.size() > 1 && path.back() == '/') return result;
  auto parts = split_path(path);
  // The resource is what the routes with the most literal segments describe; among those,
  // the one with this method answers.
  int best = -1;
  std::vector<std::pair<const Route*, int>> scored;
  for (const auto& route : routes_) {
    int s = score(route, parts);
    if (s < 0) continue;
    scored.emplace_back(&route, s);
    best = std::max(best, s);
  }
  if (best < 0) return result;
  for (const auto& [route, s] : scored) {
    if (s != best) continue;
    if (route->method == method || (method == "HEAD" && route->method == "GET" && !result.route)) {
      if (!result.route || route->method == method) result.route = route;
    }
  }
  if (result.route) {
    result.kind = RouteMatch::Kind::found;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto& seg = result.route->segments[i];
      if (seg.parameter) result.params[seg.text] = std::string(parts[i]);
    }
    return result;
  }
  std::set<std::string> allowed;
  for (const auto& [route, s] : scored) {
    if (s != best) continue;
    allowed.insert(route->method);
    if (route->method == "GET") allowed.insert("HEAD");
  }
  result.kind = RouteMatch::Kind::method_not_allowed;
  result.allowed.assign(allowed.begin(), allowed.end());
  return result;
}

}  // namespace hk::http
