#include "http/metrics.hpp"

#include <fmt/format.h>

namespace hk::http {

namespace {

// Label values may hold anything a route template holds; escape per the text format.
std::string escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::record(const std::string& route, const std::string& method, int status,
                     double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  auto& h = latency_[{route, method}];
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (seconds <= buckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> sample) {
  std::lock_guard lock(mutex_);
  gauges_[std::move(name)] = Gauge{std::move(help), std::move(sample)};
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP helferkarte_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE helferkarte_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format(
        "helferkarte_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
        escape(route), escape(method), status, n);
  }
  out += "# HELP helferkarte_http_request_duration_seconds Time from request to response.\n";
  out += "# TYPE helferkarte_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    auto labels = fmt::format("route=\"{}\",method=\"{}\"", escape(key.first), escape(key.second));
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      out += fmt::format("helferkarte_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, buckets[i], h.counts[i]);
    }
    out += fmt::format("helferkarte_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, h.count);
    out += fmt::format("helferkarte_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
    out +=
        fmt::format("helferkarte_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
  }
  for (const auto& [name, g] : gauges_) {
    out +=
        fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", name, g.help, name, name, g.sample());
  }
  return out;
}

}  // namespace hk::http
