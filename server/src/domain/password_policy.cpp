#include "domain/password_policy.hpp"

#include <string>
#include <unordered_set>

#include "util/embedded.hpp"

namespace hk::domain {

namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> out;
    std::string_view text = embedded::embedded_file("common-passwords.txt");
    while (!text.empty()) {
      auto end = text.find('\n');
      auto line = trim(text.substr(0, end));
      text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
      if (!line.empty() && line.front() != '#') out.insert(ascii_lower(line));
    }
    return out;
  }();
  return set;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;  // every byte but continuation bytes starts a character
  }
  return n;
}

bool is_common_password(std::string_view password) {
  return common_passwords().contains(ascii_lower(password));
}

PasswordIssue check_password(std::string_view password, std::string_view email) {
  auto length = utf8_length(password);
  if (length < password_min_chars) return PasswordIssue::too_short;
  if (length > password_max_chars) return PasswordIssue::too_long;
  if (!email.empty() && ascii_lower(trim(password)) == ascii_lower(trim(email)))
    return PasswordIssue::equals_email;
  if (is_common_password(password)) return PasswordIssue::common;
  return PasswordIssue::none;
}

}  // namespace hk::domain
