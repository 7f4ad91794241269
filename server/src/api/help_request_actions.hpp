#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/services.hpp"
#include "domain/account.hpp"
#include "domain/audit.hpp"
#include "domain/help_request.hpp"
#include "domain/need.hpp"
#include "http/problem.hpp"
#include "storage/database.hpp"
#include "storage/roles.hpp"

namespace hk::api {

// The steps of a hotline request and what they do to its need's sign-ups and to people's
// mailboxes. Each runs inside the caller's write transaction on the request as read in it,
// updates `request` and writes the note line and the audit entry of the step.

// 409 `help-request-state`: the step is not possible in the request's status.
http::ApiError help_request_state_error(const std::string& status);
// 409 `help-request-match`: sign-ups of a hotline need are decided through the request.
http::ApiError help_request_match_error();

// An audit entry about the request, labelled without any of the caller's data.
domain::AuditEntry help_request_audit(const domain::User& actor, const domain::HelpRequest& request,
                                      std::string action, std::int64_t now);
void add_help_request_note(storage::Connection& c, const domain::User& author,
                           const domain::HelpRequest& request, const std::string& kind,
                           const std::string& body, std::int64_t now);

// new → published: the public need in the municipality's hotline organisation. 409 unless
// new, 422 on `when` without a time (or a single time that is already over).
void publish_help_request(storage::Connection& c, const Services& services,
                          const domain::User& actor, domain::HelpRequest& request,
                          std::int64_t now);
// published|matched → matched with `helper_id`, who must have offered (422 on `userId`):
// a place in every shift to come, the other offers declined, a previous helper let go, the
// caller's contact mailed to the helper. The current helper again changes nothing.
void match_help_request(storage::Connection& c, const Services& services, const domain::User& actor,
                        domain::HelpRequest& request, std::int64_t helper_id, std::int64_t now);
// matched → published: the helper's places in shifts to come are given up, and they are told.
void unmatch_help_request(storage::Connection& c, const Services& services,
                          const domain::User& actor, domain::HelpRequest& request,
                          const std::optional<std::string>& reason, std::int64_t now);
// open → done|cancelled: the need ends, the sign-ups for shifts to come go, the helper and
// open offers are told.
void close_help_request(storage::Connection& c, const Services& services, const domain::User& actor,
                        domain::HelpRequest& request, const std::string& outcome,
                        const std::optional<std::string>& note, std::int64_t now);

// Hooks for the generic sign-up endpoints on a need that publishes a request.
// 409 `help-request-match` when it does: accepting or declining there would bypass the match.
void require_no_help_request(storage::Connection& c, std::int64_t need_id);
// 409 `help-request-need` when the need publishes a request: its text, place and status follow
// the request (edit it there, close it there), so that no address reaches the public need and
// the request's status never disagrees with its need's.
void require_not_hotline_need(storage::Connection& c, std::int64_t need_id);
// Someone offered help (a requested sign-up): they get the usual receipt and the
// municipality's coordinators are told instead of the group. False when the need publishes
// no request (then the caller mails as for any need).
bool mail_help_offer(storage::Connection& c, const Services& services, const domain::Need& need,
                     const domain::Shift& shift, const storage::Person& volunteer,
                     std::int64_t now);
// After `helper` left a shift of `need_id`: when they are the matched helper of its request
// and hold no place in a shift to come any more, the request goes back to published and the
// coordinators are told.
void unmatch_if_helper_left(storage::Connection& c, const Services& services,
                            const domain::User& helper, std::int64_t need_id, std::int64_t now);

}  // namespace hk::api
