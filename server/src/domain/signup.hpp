#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hk::domain {

struct Signup {
  std::int64_t id = 0;
  std::int64_t shift_id = 0;
  std::optional<std::int64_t> user_id;  // none once the account was deleted
  std::string status;                   // confirmed | waitlisted | requested | declined
  std::optional<int> birth_year;
  std::optional<std::string> message;
  std::optional<std::string> attendance;  // attended | no_show
  std::optional<int> minutes;             // confirmed time, after the shift
  std::optional<std::int64_t> reminder_sent_at;
  std::optional<std::int64_t> reconfirmed_at;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// The statuses of people who hold, wait for or asked for a place: they are told when the
// need or its shifts change.
const std::vector<std::string>& participating_statuses();

}  // namespace hk::domain
