#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>

#include "domain/help_request.hpp"
#include "domain/municipality.hpp"
#include "storage/database.hpp"

namespace hk::api {

// The shapes of a help request (CONTRACT "Coordinator view" / "Helper view"). Only the
// coordinator and the matched helper views carry the caller's data; the handler decides who
// gets which and writes the audit entry for the read.

// The coordinator view without `offers` and `notes`: what the list shows, with offerCount
// and lastNoteAt added by list_item.
boost::json::object encode_help_request(const domain::HelpRequest& request);
boost::json::object list_item(const domain::HelpRequest& request,
                              std::optional<std::int64_t> last_note_at);
// The full coordinator view: the people who offered help (one entry per person) and the
// notes, read inside the caller's transaction.
boost::json::object coordinator_view(storage::Connection& c, const domain::HelpRequest& request);

// What the matched helper sees; without the caller and the details for their list.
boost::json::object helper_view(const domain::HelpRequest& request,
                                const domain::Municipality& municipality, bool with_caller);

// A note as the API answers it.
boost::json::object encode_note(const domain::HelpRequestNote& note);

}  // namespace hk::api
