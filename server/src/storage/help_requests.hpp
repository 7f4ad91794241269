#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/help_request.hpp"
#include "storage/database.hpp"

namespace hk::storage {

// The municipality's hotline organisation (approved, trusted, `hotline = 1`), made when it
// is missing: with the municipality, by the demo data and for municipalities made before.
// Returns its id.
std::int64_t ensure_hotline_organization(Connection& c, std::int64_t municipality_id,
                                         std::int64_t now);
std::optional<std::int64_t> find_hotline_organization(Connection& c, std::int64_t municipality_id);

// Inserts every field of `request` but its id and the times of later steps; returns the id.
std::int64_t insert_help_request(Connection& c, const domain::HelpRequest& request,
                                 std::int64_t now);
// With helper_name and helper_email; nullopt when there is none.
std::optional<domain::HelpRequest> find_help_request(Connection& c, std::int64_t id);
// The request a need publishes, if any.
std::optional<domain::HelpRequest> find_help_request_of_need(Connection& c, std::int64_t need_id);
// Writes the fields a coordinator edits: summary, details, caller, category, area, points,
// times, recurrence, repeat_until.
void update_help_request(Connection& c, const domain::HelpRequest& request, std::int64_t now);
// Writes status, need_id, helper_id, published_at, matched_at and closed_at of `request`.
void update_help_request_state(Connection& c, const domain::HelpRequest& request, std::int64_t now);

struct HelpRequestFilter {
  std::int64_t municipality_id = 0;
  std::vector<std::string> statuses;  // empty: every status
  // Open requests are listed oldest first (none is forgotten), closed ones newest first.
  bool oldest_first = true;
  std::int64_t after_id = 0;  // paging in the list's order; 0: from the start
  int limit = 50;
};
// Each with helper_name and `offers` (the people who signed up for its need).
std::vector<domain::HelpRequest> list_help_requests(Connection& c, const HelpRequestFilter& filter);
// The matched requests whose helper is `user_id`, oldest first.
std::vector<domain::HelpRequest> list_helper_requests(Connection& c, std::int64_t user_id);

std::int64_t insert_help_request_note(Connection& c, const domain::HelpRequestNote& note);
// Oldest first.
std::vector<domain::HelpRequestNote> list_help_request_notes(Connection& c,
                                                             std::int64_t help_request_id);

// The helper of the matched request that the need publishes: the weekly rule gives them the
// place in each new shift, so a recurring request keeps its helper from week to week.
std::optional<std::int64_t> matched_helper_of_need(Connection& c, std::int64_t need_id);

// Erasure. Closed requests with closed_at <= cutoff and not yet erased, oldest first.
std::vector<std::int64_t> due_help_request_erasures(Connection& c, std::int64_t cutoff, int limit);
// Sets the caller's data, the summary, details, points and helper to NULL and erased_at to
// now, deletes the notes and the request's mails in the outbox. Conditional on the request
// still being due (closed_at <= cutoff, not erased): false when another pass was first.
bool erase_help_request(Connection& c, std::int64_t id, std::int64_t cutoff, std::int64_t now);

}  // namespace hk::storage
