#include "domain/account.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace hk::domain {

bool session_valid(const Session& s, std::int64_t now) {
  return now < s.expires_at && now - s.last_seen_at < session_idle_seconds;
}

std::string normalize_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front())))
    email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back())))
    email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool plausible_email(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(email.begin(), email.end(), [](unsigned char c) {
    return std::isspace(c) || c < 0x20 || c == '<' || c == '>' || c == ',' || c == ';';
  });
}

std::string role_label(const std::string& role, const std::string& language) {
  bool de = language == "de";
  if (role == "coordinator") return de ? "Koordination" : "coordinator";
  if (role == "org_admin") return de ? "Verwaltung" : "administrator";
  if (role == "org_member") return de ? "Mitglied" : "member";
  throw std::logic_error("no label for the role '" + role + "'");
}

}  // namespace hk::domain
