#include "api/role_offers.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "api/account_rules.hpp"
#include "mail/outbox.hpp"
#include "storage/accounts.hpp"
#include "storage/audit.hpp"
#include "storage/invitations.hpp"

namespace hk::api {

namespace {

// Invitations to addresses without an account stay open this long.
constexpr std::int64_t invitation_seconds = 30 * 24 * 3600;

}  // namespace

std::string offer_role(storage::Connection& c, const Services& services, const domain::User& actor,
                       const RoleOffer& offer, const std::string& language, std::int64_t now) {
  auto entry = domain::audit_by(actor, offer.municipality_id, "role.granted", now);
  entry.organization_id = offer.scope.organization_id;

  // Only a verified account gets the role at once: whoever registered an address without
  // proving the mailbox must not inherit a role meant for its owner.
  auto person = storage::find_person_by_email(c, offer.email);
  if (person && person->verified) {
    domain::RoleGrant grant{offer.role, offer.scope.municipality_id, offer.scope.organization_id};
    bool had = storage::holds_role(c, person->user_id, offer.role, offer.scope);
    // Within a group a person is admin or member, not both: offering the other role changes it.
    for (const char* other : {"org_admin", "org_member"}) {
      if (offer.scope.organization_id && offer.role != other) {
        storage::revoke_role(c, person->user_id, other, offer.scope);
      }
    }
    if (had) return "granted";
    storage::grant_role(c, person->user_id, grant, now);
    entry.subject_type = "user";
    entry.subject_id = person->user_id;
    entry.subject_label =
        domain::role_change_label(person->display_name, person->email,
                                  domain::role_label(offer.role, "de"), offer.scope_name);
    storage::append_audit(c, entry);
    mail::enqueue(c,
                  {"role_granted",
                   person->email,
                   person->user_id,
                   person->language,
                   {{"name", person->display_name},
                    {"role_label", domain::role_label(offer.role, person->language)},
                    {"scope", offer.scope_name},
                    {"link", web_link(services, offer.link_path)}}},
                  now);
    return "granted";
  }

  storage::upsert_invitation(
      c, {0, offer.email, offer.role, offer.scope.municipality_id, offer.scope.organization_id,
          actor.id, now, now + invitation_seconds});
  entry.action = "role.invited";
  entry.subject_type = "invitation";
  entry.subject_label = domain::role_change_label(
      "", offer.email, domain::role_label(offer.role, "de"), offer.scope_name);
  storage::append_audit(c, entry);
  auto encoded = boost::urls::encode(offer.email, boost::urls::unreserved_chars);
  mail::enqueue(c,
                {"role_invitation",
                 offer.email,
                 std::nullopt,
                 language,
                 {{"role_label", domain::role_label(offer.role, language)},
                  {"scope", offer.scope_name},
                  {"inviter", actor.display_name},
                  {"link", web_link(services, "/registrieren?email=" + encoded)}}},
                now);
  return "invited";
}

}  // namespace hk::api
