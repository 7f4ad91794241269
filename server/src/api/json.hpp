#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/problem.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace hk::api {

namespace json = boost::json;

// The request body as a JSON object: 415 unless it is JSON, 400 unless it parses to an
// object (nesting is limited, so a hostile body cannot exhaust the stack).
json::object parse_object(const http::Request& request);

// The same for a body whose fields are all optional: an empty body counts as `{}`, so a
// client may leave it out.
json::object parse_optional_object(const http::Request& request);

// A text, or null when there is none.
json::value text_or_null(const std::optional<std::string>& s);
// An id as the API writes it, or null.
json::value id_or_null(const std::optional<std::int64_t>& id);
// An instant as RFC 3339 (UTC), or null.
json::value time_or_null(const std::optional<std::int64_t>& t);

// JSON text with numbers written plainly (51.9066, not 5.19066E1).
std::string to_json_text(const json::value& value);
http::Response json_response(int status, const json::value& value);

// Reads fields of a decoded object, collecting every problem before it answers 422 once.
class Fields {
 public:
  explicit Fields(const json::object& object) : object_(object) {}

  struct StringRule {
    bool required = true;
    std::size_t max_length = 1000;
    bool trim = true;
  };
  std::optional<std::string> string(const char* name, StringRule rule);
  std::optional<std::string> email(const char* name, bool required = true);
  // True when the body names the field (PATCH: absent means "leave as is").
  bool present(const char* name) const;
  // One of a few fixed words.
  std::optional<std::string> choice(const char* name, std::initializer_list<const char*> options,
                                    bool required = true);
  // An id as the API writes it ("12"); 422 when malformed.
  std::optional<std::int64_t> id(const char* name, bool required = true);
  // An http(s) address; empty text counts as absent.
  std::optional<std::string> web_address(const char* name, bool required = false);
  // {lat, lon} in degrees; errors name "NAME.lat" / "NAME.lon".
  std::optional<std::pair<double, double>> point(const char* name, bool required = true);
  void add(std::string field, http::Text message);
  // Throws the 422 problem when any field was wrong.
  void done();

 private:
  const json::object& object_;
  std::vector<http::FieldError> errors_;
};

// Paging: `limit` 1..100 (default 50) and an opaque cursor that encodes the last id.
struct Page {
  int limit = 50;
  std::int64_t after_id = 0;
};
Page parse_page(const http::Request& request);
std::string encode_cursor(std::int64_t last_id);
json::value next_cursor(std::size_t returned, int limit, std::int64_t last_id);

// Ids in the API are strings; a malformed one names nothing, so it is a 404.
std::int64_t parse_id(const std::string& text);
std::string format_id(std::int64_t id);

}  // namespace hk::api
