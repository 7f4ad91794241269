#include "domain/audit.hpp"

namespace hk::domain {

AuditEntry audit_by(const User& actor, std::int64_t municipality_id, std::string action,
                    std::int64_t at) {
  AuditEntry e;
  e.at = at;
  e.municipality_id = municipality_id;
  e.actor_id = actor.id;
  e.actor_name = actor.display_name;
  e.action = std::move(action);
  return e;
}

std::string role_change_label(const std::string& name, const std::string& email,
                              const std::string& role_label, const std::string& scope) {
  std::string person = name.empty() ? email : name + " <" + email + ">";
  return person + " – " + role_label + " – " + scope;
}

}  // namespace hk::domain
