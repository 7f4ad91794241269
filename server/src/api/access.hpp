#pragma once

#include "api/services.hpp"
#include "domain/account.hpp"
#include "domain/organization.hpp"
#include "http/problem.hpp"

namespace hk::api {

// 403 `email-unverified` unless the user confirmed the e-mail address: posting and applying
// need a reachable person.
void require_verified(const domain::User& user);

// The refusal for a caller who may not act on an object: 404 when they may not even know that
// it exists (so refusals reveal nothing), else 403.
[[noreturn]] void deny(bool may_know_it_exists);

// The organisation with this id, or 404.
domain::Organization load_organization(Services& services, std::int64_t id);

}  // namespace hk::api
