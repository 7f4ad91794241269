#include "api/encode.hpp"

#include "api/json.hpp"
#include "domain/berlin_time.hpp"

namespace hk::api {

boost::json::object encode(const domain::Municipality& m, const domain::PrivacyFacts& facts) {
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
      {"privacyDefault", domain::default_privacy_notice(m, facts)},
      {"accessibility", m.accessibility},
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

boost::json::object encode(const domain::Organization& o, const OrganizationView& view) {
  json::object out{
      {"id", format_id(o.id)},
      {"municipalityId", format_id(o.municipality_id)},
      {"name", o.name},
      {"kind", o.kind},
      {"description", o.description},
      {"contactEmail", o.contact_email},
      {"website", text_or_null(o.website)},
      {"address", text_or_null(o.address)},
      {"status", o.status},
      {"trusted", o.trusted},
      {"hotline", o.hotline},
      {"createdAt", domain::format_rfc3339_utc(o.created_at)},
  };
  if (view.internal) out["statusReason"] = text_or_null(o.status_reason);
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
      {"actor", {{"id", id_or_null(e.actor_id)}, {"displayName", e.actor_name}}},
      {"action", e.action},
      {"subjectType", e.subject_type},
      {"subjectId", id_or_null(e.subject_id)},
      {"subjectLabel", e.subject_label},
      {"organizationId", id_or_null(e.organization_id)},
      {"reason", text_or_null(e.reason)},
  };
}

}  // namespace hk::api
