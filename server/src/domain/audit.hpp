#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/account.hpp"

namespace hk::domain {

// One line of the audit log: who did what to which subject, when and why.
struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::optional<std::int64_t> municipality_id;
  std::optional<std::int64_t> organization_id;
  std::optional<std::int64_t> actor_id;
  std::string actor_name;
  std::string action;        // e.g. "organization.approved", "role.granted"
  std::string subject_type;  // "municipality" | "organization" | "user" | "invitation"
  std::optional<std::int64_t> subject_id;
  std::string subject_label;
  std::optional<std::string> reason;
};

// An entry by `actor` in the log of a municipality; the caller adds the subject, the
// organisation and the reason where they apply.
AuditEntry audit_by(const User& actor, std::int64_t municipality_id, std::string action,
                    std::int64_t at);

// How the log names a role change: "Lena Hoffmann <lena@example.org> – Mitglied – Tafel".
std::string role_change_label(const std::string& name, const std::string& email,
                              const std::string& role_label, const std::string& scope);

}  // namespace hk::domain
