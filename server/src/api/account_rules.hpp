#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/json.hpp"
#include "api/services.hpp"
#include "auth/rate_limiter.hpp"
#include "domain/account.hpp"
#include "domain/password_policy.hpp"
#include "http/request.hpp"

namespace hk::api {

// Rules shared by the account endpoints (auth.cpp and me.cpp).

// A new password; `email` (may be empty) is the address it must not equal. The policy is
// domain::check_password.
std::optional<std::string> new_password_field(Fields& fields, const char* name,
                                              const std::string& email);
http::Text password_issue_text(domain::PasswordIssue issue);
// A password to compare with a stored hash: any non-empty text.
std::optional<std::string> password_field(Fields& fields, const char* name);
// 1..100 characters after trimming, no control characters.
std::optional<std::string> display_name_field(Fields& fields, const char* name, bool required);
// "de" or "en".
std::optional<std::string> language_field(Fields& fields, const char* name);

// Failed password checks (login, password change) are limited per account and per client
// address. check_password_limits throws 429 while either is exhausted.
void check_password_limits(Services& services, const http::Request& request,
                           const std::string& email);
void record_password_failure(Services& services, const http::Request& request,
                             const std::string& email);
void clear_password_failures(Services& services, const std::string& email);
// Whether `password` is the signed-in user's own, before a change that needs it (a new
// password, deleting the account). A stolen session must not serve to guess it: failures count
// like failed logins, under the same limits (429). 401 when the account is gone.
bool own_password_confirmed(Services& services, const http::Request& request,
                            const domain::User& user, const std::string& password);

// Takes one event from each bucket, or none and throws 429 when any is exhausted.
void take_limits(Services& services,
                 const std::vector<std::pair<std::string, auth::Limit>>& limits);

inline constexpr std::int64_t hour_seconds = 3600;

// Absolute links into the web app, for mails.
std::string web_link(const Services& services, const std::string& path);

}  // namespace hk::api
