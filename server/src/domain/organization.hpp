#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hk::domain {

struct Organization {
  std::int64_t id = 0;
  std::int64_t municipality_id = 0;
  std::string name;
  std::string kind;  // verein | hilfsorganisation | initiative | einrichtung
  std::string description;
  std::string contact_email;
  std::optional<std::string> website;
  std::optional<std::string> address;
  std::string status;  // pending | approved | rejected | suspended
  std::optional<std::string> status_reason;
  // Trusted by the coordinators: its needs skip the pre-moderation queue.
  bool trusted = false;
  // The municipality's own hotline organisation (one per municipality, made with it): its
  // needs are published help requests, and the coordinators act as its members.
  bool hotline = false;
  std::optional<std::int64_t> created_by;  // the applicant
  std::int64_t created_at = 0;
};

bool valid_organization_kind(std::string_view kind);
bool valid_organization_status(std::string_view status);

// A coordinator's decision about a group.
enum class Decision { approve, reject, suspend, reinstate };

// The status a decision leads to from `current`, or nullopt when the decision does not apply
// (approving an approved group, suspending a pending one, ...).
std::optional<std::string> status_after(std::string_view current, Decision decision);

// "organization.approved" etc., as the audit log names the decision.
std::string audit_action(Decision decision);

// Rejecting and suspending must say why; the reason is shown to the group.
bool decision_needs_reason(Decision decision);

}  // namespace hk::domain
