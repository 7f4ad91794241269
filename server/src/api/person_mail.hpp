#pragma once

#include <map>
#include <string>
#include <utility>

#include "mail/outbox.hpp"
#include "storage/roles.hpp"

namespace hk::api {

// A mail to a person with an account: to their address, in their language, greeting them by
// name ({name}; a template without it ignores it).
inline mail::Mail mail_to(const storage::Person& to, std::string template_id,
                          std::map<std::string, std::string> params) {
  params.emplace("name", to.display_name);
  return {std::move(template_id), to.email, to.user_id, to.language, std::move(params)};
}

}  // namespace hk::api
