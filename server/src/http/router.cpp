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

// Returns the number of literal segments matched (for precedence), or -1 on mismatch.
int match_pattern(std::string_view pattern, const std::vector<std::string_view>& parts,
                  std::unordered_map<std::string, std::string>* params) {
  auto segments = split_path(pattern);
  if (segments.size() != parts.size()) return -1;
  int literals = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (is_param(segments[i])) {
      if (parts[i].empty()) return -1;
      if (params) {
        (*params)[std::string(segments[i].substr(1, segments[i].size() - 2))] =
            std::string(parts[i]);
      }
    } else if (segments[i] == parts[i]) {
      ++literals;
    } else {
      return -1;
    }
  }
  return literals;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, Execution execution) {
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      throw std::logic_error("route registered twice: " + method + " " + pattern);
    }
  }
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler), execution});
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  auto parts = split_path(path);
  // Trailing slashes are distinct resources; "/a/" does not match "/a".
  if (path.size() > 1 && path.back() == '/') return {};
  RouteMatch result;
  int best = -1;
  int best_any = -1;
  std::set<std::string> allowed;
  for (const auto& route : routes_) {
    int score = match_pattern(route.pattern, parts, nullptr);
    if (score < 0) continue;
    best_any = std::max(best_any, score);
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      if (score > best) {
        best = score;
        result.route = &route;
      }
    }
  }
  if (best_any < 0) return result;
  // Only routes at the best literal score define the resource; others are different ones.
  for (const auto& route : routes_) {
    if (match_pattern(route.pattern, parts, nullptr) == best_any) {
      allowed.insert(route.method);
      if (route.method == "GET") allowed.insert("HEAD");
    }
  }
  if (result.route && best == best_any) {
    result.kind = RouteMatch::Kind::found;
    match_pattern(result.route->pattern, parts, &result.params);
    return result;
  }
  result.route = nullptr;
  result.kind = RouteMatch::Kind::method_not_allowed;
  result.allowed.assign(allowed.begin(), allowed.end());
  return result;
}

}  // namespace hk::http
