#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/municipality.hpp"

namespace hk::calendar {

// One VEVENT. Times are seconds since the epoch and written in UTC.
struct Event {
  std::string uid;  // stable across changes, so calendars update the event in place
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  std::string summary;
  std::string description;
  std::optional<std::string> location;
  std::optional<domain::GeoPoint> geo;
  std::string url;
  std::string organizer_name;
  // METHOD:PUBLISH requires an ORGANIZER (RFC 5546), which is an address: the need's contact.
  std::string organizer_email;
  bool cancelled = false;
  std::int64_t sequence = 0;  // raise on every change (updated_at works)
};

// A complete VCALENDAR (method PUBLISH), produced with libical; CRLF line ends, lines folded
// at 75 octets. `name` is what calendar apps show for a subscribed calendar; `now` is the
// DTSTAMP of every event. Control characters in the texts become spaces.
std::string build_calendar(const std::vector<Event>& events, const std::string& name,
                           std::int64_t now);

}  // namespace hk::calendar
