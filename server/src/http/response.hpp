#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace hk::http {

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // Instead of `body`: bytes shared with the response cache, so a hit copies no body.
  std::shared_ptr<const std::string> shared_body;
  bool head_only = false;  // answer to HEAD: keep Content-Length, send no body

  std::string_view payload() const { return shared_body ? std::string_view(*shared_body) : body; }

  void set_header(std::string_view name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type);
  static Response no_content();
};

}  // namespace hk::http
