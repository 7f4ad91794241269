#pragma once

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace hk::http {

// Prometheus counters and a latency histogram per route, plus gauges read at scrape time.
class Metrics {
 public:
  void record(const std::string& route, const std::string& method, int status, double seconds);
  // Gauges are sampled when /metrics is scraped (e.g. pool usage).
  void add_gauge(std::string name, std::string help, std::function<double()> sample);
  // Counters kept elsewhere (e.g. the response cache's hits), read at scrape time too.
  void add_counter(std::string name, std::string help, std::function<double()> sample);
  std::string render() const;

  static constexpr std::array<double, 11> buckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                     0.5,   1.0,  2.5,   5.0,  10.0};

 private:
  struct Histogram {
    std::array<std::uint64_t, buckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string help;
    std::function<double()> sample;
    const char* type = "gauge";
  };
  mutable std::mutex mutex_;
  // Transparent comparators: a request looks its series up without copying route and method.
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;
  std::map<std::tuple<std::string, std::string>, Histogram, std::less<>> latency_;
  std::map<std::string, Gauge> gauges_;
};

}  // namespace hk::http
