#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "http/response.hpp"

namespace hk::http {

// A text in both languages of the UI; the response carries the one the client prefers.
struct Text {
  std::string de;
  std::string en;
  const std::string& in(const std::string& language) const { return language == "en" ? en : de; }
};

struct FieldError {
  std::string field;
  Text message;
};

// Thrown by handlers (and the pipeline) for every answer that is an error. Mapped to an
// RFC 9457 problem+json response by the pipeline.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, Text title, Text detail,
           std::vector<FieldError> errors = {});

  int status;
  std::string code;  // short slug, becomes the type URN
  Text title;
  Text detail;
  std::vector<FieldError> errors;
  Headers headers;  // extra headers, e.g. Allow or Retry-After
};

// Frequent problems, so every handler words them alike.
ApiError not_found();
ApiError unauthorized();
ApiError forbidden();
ApiError malformed_json(const std::string& why);
ApiError validation_failed(std::vector<FieldError> errors);
ApiError payload_too_large(std::size_t limit);
ApiError overloaded();
// 503: the database is temporarily out of reach (util::TemporarilyUnavailable).
ApiError unavailable();

Response problem_response(const ApiError& error, const std::string& language,
                          const std::string& instance);

// "en" when the client prefers English over German, else "de".
std::string negotiate_language(std::string_view accept_language);

}  // namespace hk::http
