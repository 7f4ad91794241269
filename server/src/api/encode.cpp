#include "api/encode.hpp"

#include "api/json.hpp"
#include "domain/berlin_time.hpp"

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
      {"language", u.language},        {"roles", std::move(roles)},
      {"csrfToken", csrf_token},
  };
}

namespace {

json::value opt(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::value opt_id(const std::optional<std::int64_t>& id) {
  return id ? json::value(format_id(*id)) : json::value(nullptr);
}

}  // namespace

boost::json::object encode(const domain::Organization& o, const OrganizationView& view) {
  json::object out{
      {"id", format_id(o.id)},
      {"municipalityId", format_id(o.municipality_id)},
      {"name", o.name},
      {"kind", o.kind},
      {"description", o.description},
      {"contactEmail", o.contact_email},
      {"website", opt(o.website)},
      {"address", opt(o.address)},
      {"status", o.status},
      {"trusted", o.trusted},
      {"createdAt", domain::format_rfc3339_utc(o.created_at)},
  };
  if (view.internal) out["statusReason"] = opt(o.status_reason);
  if (view.applicant) {
    out["applicant"] = {{"id", format_id(view.applicant->id)},
                        {"displayName", view.applicant->display_name},
                        {"email", view.applicant->email}};
  }
  return out;
}

boost::json::object encode(const domain::AuditEntry& e) {
  return {
      {"id", format_id(e.id)},
      {"at", domain::format_rfc3339_utc(e.at)},
      {"actor", {{"id", opt_id(e.actor_id)}, {"displayName", e.actor_name}}},
      {"action", e.action},
      {"subjectType", e.subject_type},
      {"subjectId", opt_id(e.subject_id)},
      {"subjectLabel", e.subject_label},
      {"organizationId", opt_id(e.organization_id)},
      {"reason", opt(e.reason)},
  };
}

}  // namespace hk::api
