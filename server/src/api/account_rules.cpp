#include "api/account_rules.hpp"

#include <algorithm>

#include "auth/password.hpp"
#include "domain/password_policy.hpp"
#include "http/problem.hpp"
#include "storage/accounts.hpp"

namespace hk::api {

namespace {

// Enough for password_max_chars characters of up to four bytes each; the policy counts
// characters.
constexpr std::size_t password_max_bytes = domain::password_max_chars * 4;
constexpr std::size_t display_name_max_chars = 100;
constexpr std::int64_t password_failure_window = 15 * 60;

http::ApiError rate_limited(std::int64_t retry_after) {
  auto minutes = (retry_after + 59) / 60;
  http::Text detail =
      minutes <= 1
          ? http::Text{"Zu viele Versuche. Bitte versuchen Sie es in einer Minute noch einmal.",
                       "Too many attempts. Please try again in a minute."}
          : http::Text{
                "Zu viele Versuche. Bitte versuchen Sie es in " + std::to_string(minutes) +
                    " Minuten noch einmal.",
                "Too many attempts. Please try again in " + std::to_string(minutes) + " minutes."};
  http::ApiError e(429, "rate-limited", {"Zu viele Versuche", "Too many attempts"},
                   std::move(detail));
  e.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return e;
}

auth::Limit account_failures(const Services& services) {
  return {services.config.login_failures_per_account, password_failure_window};
}

auth::Limit address_failures(const Services& services) {
  return {services.config.login_failures_per_ip, password_failure_window};
}

}  // namespace

http::Text password_issue_text(domain::PasswordIssue issue) {
  auto min = std::to_string(domain::password_min_chars);
  auto max = std::to_string(domain::password_max_chars);
  switch (issue) {
    case domain::PasswordIssue::too_short:
      return {"Das Passwort muss mindestens " + min + " Zeichen lang sein.",
              "The password must be at least " + min + " characters long."};
    case domain::PasswordIssue::too_long:
      return {"Das Passwort darf höchstens " + max + " Zeichen lang sein.",
              "The password must be at most " + max + " characters long."};
    case domain::PasswordIssue::common:
      return {
          "Dieses Passwort ist sehr verbreitet und leicht zu erraten. Bitte wählen Sie ein "
          "anderes.",
          "This password is very common and easy to guess. Please choose another one."};
    case domain::PasswordIssue::equals_email:
      return {"Das Passwort darf nicht Ihre E-Mail-Adresse sein.",
              "The password must not be your e-mail address."};
    case domain::PasswordIssue::none:
      break;
  }
  return {"Dieses Passwort ist nicht erlaubt.", "This password is not allowed."};
}

std::optional<std::string> new_password_field(Fields& fields, const char* name,
                                              const std::string& email) {
  auto password = password_field(fields, name);
  if (!password) return std::nullopt;
  auto issue = domain::check_password(*password, email);
  if (issue == domain::PasswordIssue::none) return password;
  fields.add(name, password_issue_text(issue));
  return std::nullopt;
}

std::optional<std::string> password_field(Fields& fields, const char* name) {
  return fields.string(name, {.required = true, .max_length = password_max_bytes, .trim = false});
}

std::optional<std::string> display_name_field(Fields& fields, const char* name, bool required) {
  // The length is checked in characters below, so the byte limit only guards against huge
  // input.
  auto value = fields.string(name, {.required = required, .max_length = 64 * 1024});
  if (!value) return std::nullopt;
  if (value->empty()) {
    fields.add(name, {"Dieses Feld darf nicht leer sein.", "This field must not be empty."});
    return std::nullopt;
  }
  if (domain::utf8_length(*value) > display_name_max_chars) {
    auto n = std::to_string(display_name_max_chars);
    fields.add(name, {"Höchstens " + n + " Zeichen.", "At most " + n + " characters."});
    return std::nullopt;
  }
  // The name appears in mails; a line break must not be able to start a new line there.
  if (std::any_of(value->begin(), value->end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
    fields.add(name, {"Der Name darf keine Zeilenumbrüche oder Steuerzeichen enthalten.",
                      "The name must not contain line breaks or control characters."});
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> language_field(Fields& fields, const char* name) {
  auto value = fields.string(name, {.required = false, .max_length = 16});
  if (!value) return std::nullopt;
  if (*value != "de" && *value != "en") {
    fields.add(name, {"Erlaubt sind \"de\" (Deutsch) und \"en\" (Englisch).",
                      "Allowed are \"de\" (German) and \"en\" (English)."});
    return std::nullopt;
  }
  return value;
}

void check_password_limits(Services& services, const http::Request& request,
                           const std::string& email) {
  auto now = services.now();
  auto a = services.limiter.check("password:account:" + email, account_failures(services), now);
  auto b = services.limiter.check("password:ip:" + request.client_address,
                                  address_failures(services), now);
  if (a || b) throw rate_limited(std::max(a.value_or(0), b.value_or(0)));
}

void record_password_failure(Services& services, const http::Request& request,
                             const std::string& email) {
  auto now = services.now();
  services.limiter.record("password:account:" + email, account_failures(services), now);
  services.limiter.record("password:ip:" + request.client_address, address_failures(services), now);
}

void clear_password_failures(Services& services, const std::string& email) {
  services.limiter.clear("password:account:" + email);
}

bool own_password_confirmed(Services& services, const http::Request& request,
                            const domain::User& user, const std::string& password) {
  check_password_limits(services, request, user.email);
  std::optional<std::string> stored;
  services.db.read(
      [&](storage::Connection& c) { stored = storage::find_password_hash(c, user.id); });
  if (!stored) throw http::unauthorized();
  if (!auth::verify_password(password, *stored)) {
    record_password_failure(services, request, user.email);
    return false;
  }
  clear_password_failures(services, user.email);
  return true;
}

void take_limits(Services& services,
                 const std::vector<std::pair<std::string, auth::Limit>>& limits) {
  auto now = services.now();
  std::int64_t wait = 0;
  for (const auto& [key, limit] : limits) {
    if (auto w = services.limiter.check(key, limit, now)) wait = std::max(wait, *w);
  }
  if (wait > 0) throw rate_limited(wait);
  for (const auto& [key, limit] : limits) services.limiter.record(key, limit, now);
}

std::string web_link(const Services& services, const std::string& path) {
  return services.config.effective_base_url() + path;
}

}  // namespace hk::api
