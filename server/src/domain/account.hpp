#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::domain {

struct RoleGrant {
  std::string role;  // platform_admin | coordinator | org_admin | org_member
  std::optional<std::int64_t> municipality_id;
  std::optional<std::int64_t> organization_id;
};

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string display_name;
  bool email_verified = false;
  std::string language = "de";  // "de" | "en": the language of the person's mails
  std::vector<RoleGrant> roles;
};

struct Session {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
};

// Sessions end after this long without use, and in any case this long after login.
inline constexpr std::int64_t session_idle_seconds = 14 * 24 * 3600;
inline constexpr std::int64_t session_absolute_seconds = 30 * 24 * 3600;
// last_seen_at is written at most this often, so reads stay reads.
inline constexpr std::int64_t session_touch_seconds = 300;

bool session_valid(const Session& s, std::int64_t now);

// A role granted by invitation (coordinator | org_admin | org_member) in words, "de" or "en",
// as mails and the audit log name it. Any other role is a programming error (logic_error).
std::string role_label(const std::string& role, const std::string& language);

// Lower-cases and trims an e-mail address; addresses are compared in this form.
std::string normalize_email(std::string_view email);
// A plausible address: one @, a dot in the domain, no spaces, at most 254 characters.
bool plausible_email(std::string_view email);

}  // namespace hk::domain
