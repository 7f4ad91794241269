#include "api/access.hpp"

#include "storage/organizations.hpp"

namespace hk::api {

void require_verified(const domain::User& user) {
  if (user.email_verified) return;
  throw http::ApiError(
      403, "email-unverified", {"E-Mail-Adresse nicht bestätigt", "E-mail address not verified"},
      {"Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link, den wir Ihnen geschickt "
       "haben.",
       "Please first confirm your e-mail address with the link we sent you."});
}

void deny(bool may_know_it_exists) {
  if (may_know_it_exists) throw http::forbidden();
  throw http::not_found();
}

domain::Organization load_organization(Services& services, std::int64_t id) {
  std::optional<domain::Organization> found;
  services.db.read([&](storage::Connection& c) { found = storage::find_organization(c, id); });
  if (!found) throw http::not_found();
  return std::move(*found);
}

}  // namespace hk::api
