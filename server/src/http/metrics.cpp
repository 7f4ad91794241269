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
  auto counter = requests_.find(
      std::tuple<const std::string&, const std::string&, int>(route, method, status));
  if (counter == requests_.end())
    counter = requests_.emplace(std::tuple(route, method, status), 0).first;
  ++counter->second;
  auto series = latency_.find(std::tuple<const std::string&, const std::string&>(route, method));
  if (series == latency_.end())
    series = latency_.emplace(std::tuple(route, method), Histogram{}).first;
  auto& h = series->second;
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

void Metrics::add_counter(std::string name, std::string help, std::function<double()> sample) {
  std::lock_guard lock(mutex_);
  gauges_[std::move(name)] = Gauge{std::move(help), std::move(sample), "counter"};
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
    auto labels = fmt::format("route=\"{}\",method=\"{}\"", escape(std::get<0>(key)),
                              escape(std::get<1>(key)));
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
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, g.help, name, g.type, name,
                       g.sample());
  }
  return out;
}

}  // namespace hk::http
