#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/json.hpp"

namespace hk::api {

// Small readers shared by the decoders of nested request bodies (needs, help requests).

// The member `name` of `o`, or nullptr when it is absent or null.
const json::value* find_value(const json::object& o, const char* name);

// Reads part of the body with a Fields of its own and files its problems under `prefix`, so
// nested objects report "location.address", "caller.phone", ...
template <class Read>
void read_nested(Fields& outer, const json::object& object, const std::string& prefix, Read read) {
  Fields inner(object);
  read(inner);
  try {
    inner.done();
  } catch (const http::ApiError& e) {
    for (const auto& error : e.errors) outer.add(prefix + error.field, error.message);
  }
}

// An RFC 3339 instant in the member `name` of `o`; a problem on `field` when it is malformed,
// or missing and `required`.
std::optional<std::int64_t> read_instant(Fields& fields, const json::object& o, const char* name,
                                         const std::string& field, bool required);

// "shopping, reading, ...": the categories a 422 names as allowed.
std::string category_list();

}  // namespace hk::api
