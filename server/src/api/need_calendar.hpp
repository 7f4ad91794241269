#pragma once

#include <string>

#include "api/services.hpp"
#include "calendar/ics.hpp"
#include "domain/need.hpp"

namespace hk::api {

// The calendar event of one shift of a need: title, place, link to the need's page.
calendar::Event shift_event(const Services& services, const domain::Need& need,
                            const domain::Shift& shift);

// The .ics attached to the mail that confirms a place in `shift`.
std::string engagement_calendar(const Services& services, const domain::Need& need,
                                const domain::Shift& shift);

}  // namespace hk::api
