#pragma once

#include <cstdint>

#include "api/json.hpp"
#include "domain/help_request.hpp"

namespace hk::api {

// Decoding and checking the body of a hotline call (POST .../help-requests, PATCH
// /help-requests/{id}). Problems are collected in `fields` with dotted names ("caller.phone",
// "when.start", "location.lat"); the caller ends with fields.done().

// Which groups of fields a body names: an edit may change the public ones only while the
// request is new, the caller's data and the details while it is open.
struct HelpRequestBodyParts {
  bool public_fields = false;   // summary, category, area, location, when, recurrence, repeatUntil
  bool private_fields = false;  // caller, details
  bool location = false;        // names `location`
  bool area = false;            // names `area`
};
HelpRequestBodyParts body_parts(const json::object& body);

// A phone number as a coordinator types it: 3 to 40 characters of "+0123456789 /()-" with at
// least three digits.
bool plausible_phone(std::string_view phone);

// Reads the fields into `request`. `partial` (an edit): an absent field keeps its value, and
// `publish` is not allowed. Fields the API does not know are problems too, so a misspelt
// field is not silently dropped. Returns `publish` of a create (false when absent).
bool read_help_request_fields(Fields& fields, const json::object& body,
                              domain::HelpRequest& request, bool partial, std::int64_t now);

}  // namespace hk::api
