#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hk::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Our own request type: handlers never see Beast.
struct Request {
  std::string method;  // upper case as sent, e.g. "GET"
  std::string target;  // raw request target, e.g. "/api/v1/x?y=1"
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  std::string remote_address;
  // The client: remote_address, or the address a trusted reverse proxy forwarded.
  std::string client_address;
  bool secure = false;  // served over HTTPS (directly or per a trusted proxy)

  // Filled in by the pipeline.
  std::string request_id;
  std::string route;  // the matched template, e.g. "/api/v1/municipalities/{id}"
  std::unordered_map<std::string, std::string> params;
  std::string language = "de";  // "de" or "en", from Accept-Language
  // Set when the ResponseCache may keep the answer: path, query string (a citizen's
  // position, perhaps) and language. Never logged.
  std::string cache_key;
  std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();

  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  const std::string& param(const std::string& name) const { return params.at(name); }
  // From this machine and not relayed by a reverse proxy on it (no forwarding headers).
  bool is_local_direct() const;
};

// The client's address: the last address in X-Forwarded-For that is not a trusted proxy, when
// the request came from a trusted proxy; otherwise the peer's address.
std::string client_address(const Request& request, const std::vector<std::string>& trusted);

// Splits "a?b=c&d" into a decoded path and query; false on malformed percent-encoding.
bool parse_target(std::string_view target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& query);

bool iequals(std::string_view a, std::string_view b);

}  // namespace hk::http
