#include "http/request.hpp"

#include <algorithm>
#include <cctype>

namespace hk::http {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto raw = header("Cookie");
  if (!raw) return std::nullopt;
  std::string_view rest = *raw;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    auto part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return std::nullopt;
}

bool Request::is_local_direct() const {
  bool loopback = remote_address.starts_with("127.") || remote_address == "::1" ||
                  remote_address.starts_with("::ffff:127.");
  // A proxy on the same host makes every visitor look local; its headers give it away.
  bool relayed = header("Forwarded") || header("X-Forwarded-For") || header("X-Real-IP");
  return loopback && !relayed;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

bool parse_target(std::string_view target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& query) {
  if (target.empty() || target.front() != '/') return false;
  auto q = target.find('?');
  auto raw_path = target.substr(0, q);
  if (!percent_decode(raw_path, path, false)) return false;
  // A NUL byte in a path is never legitimate and confuses file lookups.
  if (path.find('\0') != std::string::npos) return false;
  query.clear();
  if (q == std::string_view::npos) return true;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    auto part = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string key, value;
    if (!percent_decode(part.substr(0, eq), key, true)) return false;
    if (eq != std::string_view::npos && !percent_decode(part.substr(eq + 1), value, true))
      return false;
    query.emplace_back(std::move(key), std::move(value));
  }
  return true;
}

std::string client_address(const Request& request, const std::vector<std::string>& trusted) {
  auto is_trusted = [&](std::string_view address) {
    for (const auto& t : trusted) {
      if (address == t || address == "::ffff:" + t) return true;
    }
    return false;
  };
  if (!is_trusted(request.remote_address)) return request.remote_address;
  auto forwarded = request.header("X-Forwarded-For");
  if (!forwarded) return request.remote_address;
  // Proxies append, so the rightmost untrusted entry is the one no client could forge.
  std::string_view rest = *forwarded;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    auto item = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    bool plausible = !item.empty() && item.size() <= 64 &&
                     item.find_first_not_of("0123456789abcdefABCDEF.:[]") == std::string::npos;
    if (!plausible) break;
    if (!is_trusted(item)) return std::string(item);
  }
  return request.remote_address;
}

}  // namespace hk::http
