#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "api/json.hpp"
#include "domain/need.hpp"

namespace hk::api {

// Decoding and checking the body of a need or a shift. Problems are collected in `fields`
// with dotted names ("shifts.0.start", "location.lat"); the caller ends with fields.done().

// Title, description, category, place, requirements, sign-up mode, waitlist, contact and the
// weekly rule. In an edit (`partial`) an absent field keeps the value `need` already has.
// The end of a weekly rule is checked against need.shifts, so read the shifts first.
void read_need_fields(Fields& fields, const json::object& body, domain::Need& need, bool partial,
                      std::int64_t now);

// The `shifts` array of a new need: 1 to domain::max_need_shifts shifts.
std::vector<domain::Shift> read_new_shifts(Fields& fields, const json::object& body,
                                           std::int64_t now);

// The fields of one shift as sent: each may be absent (an edit changes only what it names).
struct ShiftInput {
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> end;
  std::optional<int> capacity;
};
// `prefix` names the fields in errors ("" or "shifts.0.").
ShiftInput read_shift_input(Fields& fields, const json::object& object, bool required,
                            const std::string& prefix = "");

// One shift of a new need, or a shift added to a need: start and end required, capacity 1
// when not given, checked with check_shift. nullopt, and a problem in `fields`, when start or
// end is missing or malformed.
std::optional<domain::Shift> read_new_shift(Fields& fields, const json::object& object,
                                            std::int64_t now, const std::string& prefix = "");

// Times and capacity a shift may have, `now` being the moment of the change: it starts in the
// future, at most about two years ahead, ends after it starts and lasts at most a week.
void check_shift(Fields& fields, const domain::Shift& shift, std::int64_t now,
                 const std::string& prefix = "");

}  // namespace hk::api
