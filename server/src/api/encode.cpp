#include "api/encode.hpp"

#include "api/json.hpp"

namespace hk::api {

boost::json::object encode(const domain::Municipality& m) {
  return {
      {"id", format_id(m.id)},
      {"name", m.name},
      {"ags", m.ags},
      {"center", {{"lat", m.center.lat}, {"lon", m.center.lon}}},
      {"contactEmail", m.contact_email},
      {"hotlinePhone", m.hotline_phone ? json::value(*m.hotline_phone) : json::value(nullptr)},
      {"moderation", m.moderation},
      {"imprint", m.imprint},
      {"privacy", m.privacy},
  };
}

boost::json::object encode_me(const domain::User& u, const std::string& csrf_token) {
  json::array roles;
  for (const auto& r : u.roles) {
    json::object o{{"role", r.role}};
    if (r.municipality_id) o["municipalityId"] = format_id(*r.municipality_id);
    if (r.organization_id) o["organizationId"] = format_id(*r.organization_id);
    roles.push_back(std::move(o));
  }
  return {
      {"id", format_id(u.id)},         {"email", u.email},
      {"displayName", u.display_name}, {"emailVerified", u.email_verified},
      {"roles", std::move(roles)},     {"csrfToken", csrf_token},
  };
}

}  // namespace hk::api
