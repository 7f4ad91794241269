#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/municipality.hpp"
#include "http/problem.hpp"
#include "http/request.hpp"

namespace hk::api {

// Reads a GET request's query string, collecting every problem before it answers 422 once
// (done()), as Fields does for JSON bodies. An empty value counts as absent: an empty form
// field means "any".
class QueryParams {
 public:
  explicit QueryParams(const http::Request& request) : request_(request) {}

  std::optional<std::string_view> given(std::string_view name) const;
  // A decimal number in [min, max].
  std::optional<double> number(const char* name, double min, double max);
  // A whole number in [min, max].
  std::optional<long long> whole(const char* name, long long min, long long max);
  // `lat` and `lon`, which come together; `required` when the request has no other anchor.
  std::optional<domain::GeoPoint> point(bool required);

  void add(std::string field, http::Text message);
  void done();

 private:
  const http::Request& request_;
  std::vector<http::FieldError> errors_;
};

}  // namespace hk::api
