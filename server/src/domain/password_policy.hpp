#pragma once

#include <cstddef>
#include <string_view>

namespace hk::domain {

// What a new password must satisfy (NIST SP 800-63B style): long enough, not one of the
// passwords attackers try first, not the address it protects. No rules about character
// classes: they make passwords harder to remember, not harder to guess.
inline constexpr std::size_t password_min_chars = 10;
inline constexpr std::size_t password_max_chars = 1024;

enum class PasswordIssue { none, too_short, too_long, common, equals_email };

// `email` may be empty when it is not known yet; then that rule is skipped.
PasswordIssue check_password(std::string_view password, std::string_view email);

// On the built-in list of common passwords (server/data/common-passwords.txt), ignoring
// the case of ASCII letters.
bool is_common_password(std::string_view password);

// Characters (Unicode code points) of a UTF-8 string, for limits stated in characters.
std::size_t utf8_length(std::string_view text);

}  // namespace hk::domain
