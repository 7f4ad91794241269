#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/municipality.hpp"
#include "domain/need.hpp"

namespace hk::domain {

// The hotline: a call taken by a coordinator, staffed with a volunteer through a public need
// of the municipality's hotline organisation. The caller's data never leaves the request.

struct HelpRequestCaller {
  std::string name;
  std::string phone;
  std::optional<std::string> address;
};

struct HelpRequest {
  std::int64_t id = 0;
  std::int64_t municipality_id = 0;
  std::string status = "new";  // new | published | matched | done | cancelled
  std::string category;
  std::string area;  // district or village, public
  // Personal or possibly personal data: nullopt once erased.
  std::optional<std::string> summary;  // what is needed; the public need's description
  std::optional<std::string> details;  // for the coordinators and the matched helper only
  std::optional<HelpRequestCaller> caller;
  std::optional<GeoPoint> point;         // as the coordinator gave it (may be the door)
  std::optional<GeoPoint> public_point;  // at least 300 m from `point`, fixed once
  // The first time help is wanted; daily or weekly it recurs until closed or repeat_until.
  std::optional<std::int64_t> starts_at;
  std::optional<std::int64_t> ends_at;
  std::string recurrence = "once";           // once | weekly | daily
  std::optional<std::int64_t> repeat_until;  // Berlin date, days since 1970-01-01
  std::optional<std::int64_t> need_id;
  std::optional<std::int64_t> helper_id;
  std::optional<std::string> helper_name;   // read with the request, for display
  std::optional<std::string> helper_email;  // the same
  int offers = 0;                           // people who offered to help, read with lists
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> published_at;
  std::optional<std::int64_t> matched_at;
  std::optional<std::int64_t> closed_at;
  std::optional<std::int64_t> erased_at;
};

// A dated line of the follow-up: a coordinator's note or a change of status.
struct HelpRequestNote {
  std::int64_t id = 0;
  std::int64_t help_request_id = 0;
  std::string kind;  // note | created | edited | published | matched | unmatched | done | cancelled
  std::string body;
  std::optional<std::int64_t> author_id;
  std::string author_name;
  std::int64_t created_at = 0;
};

bool valid_help_request_status(std::string_view status);
bool valid_recurrence(std::string_view recurrence);
// new, published or matched: someone still has to act.
bool is_open(const HelpRequest& request);

// What a coordinator may do next. Publish: only a new request that says when. Match: a
// published one, or a matched one (rematch). Unmatch: a matched one. Close (done or
// cancelled): any open one. Edit the public fields (summary, category, area, point, time):
// only while new; the caller's data and the details: while open.
bool can_publish(const HelpRequest& request);
bool can_match(const HelpRequest& request);
bool can_unmatch(const HelpRequest& request);
bool can_close(const HelpRequest& request);
bool can_edit_public_fields(const HelpRequest& request);
bool can_edit_private_fields(const HelpRequest& request);

// The public point is moved away from the given one by a distance in [300 m, 600 m] in a
// direction; `angle` and `distance` are uniform random numbers in [0, 1) chosen by the caller
// (the API draws them once, when the request is recorded).
inline constexpr double rough_point_min_metres = 300;
inline constexpr double rough_point_max_metres = 600;
GeoPoint rough_point(GeoPoint point, double angle, double distance);

// The German label of a need category, as the public title names it ("Einkaufshilfe").
std::string category_label_de(std::string_view category);
// The title of the published need: "Einkaufshilfe in Kattenstroth".
std::string help_request_need_title(const HelpRequest& request);

// The need that publishes the request in the hotline organisation: the title above, the
// summary as description, the public point with the area as place name and no address,
// sign-ups by approval (an offer to help) with one place per shift and no waitlist. Once: one
// shift at the time of the request. Weekly: that shift, repeating every week. Daily: seven
// shifts on the seven days from the first, each repeating every week. The weekly rule ends
// on repeat_until when set. Precondition: can_publish(request).
Need need_for_help_request(const HelpRequest& request, std::int64_t hotline_organization_id,
                           std::int64_t municipality_id);

// How the audit log and mails to others name a request without any of the caller's data:
// "Hilfeanfrage #12 · Einkaufshilfe · Kattenstroth".
std::string help_request_label(const HelpRequest& request);

// Requests closed at or before this instant are due for erasure at `now`.
std::int64_t erasure_cutoff(std::int64_t now, int retention_days);

}  // namespace hk::domain
