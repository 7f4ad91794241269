#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/config.hpp"
#include "storage/database.hpp"

namespace hk::jobs {

// Reminders go out this long before a shift starts.
inline constexpr std::int64_t reminder_lead_seconds = 24 * 3600;
// A need nobody has a place in is flagged to its group when its last shift is this close.
inline constexpr std::int64_t expiry_warning_seconds = 48 * 3600;

struct HousekeepingCounts {
  int repetitions = 0;        // shifts made by weekly rules
  int reminders = 0;          // reminder mails
  int expiry_warnings = 0;    // needs whose group was warned
  int completed = 0;          // needs set to completed
  int erased = 0;             // hotline requests whose caller's data was erased
  int retention_deleted = 0;  // accounts, tokens, sessions and mails past their retention
  // A task that failed, as "task: message"; the other tasks still ran.
  std::vector<std::string> errors;
};

// One pass of the background work at `now`. Each task is idempotent and claims its rows with
// a conditional UPDATE, so passes may overlap and several servers may share the database:
//  1. weekly repetitions up to now + 8 weeks,
//  2. reminders for confirmed places in shifts starting within 24 hours,
//  3. one warning per need nobody has a place in when its last shift starts within 48 hours,
//  4. needs whose shifts have all ended (and whose weekly rule is over) become completed,
//  5. hotline requests closed hotline_retention_days ago lose their caller's data (erasure),
//  6. what is past its retention period is deleted (retention): accounts never verified,
//     used or expired account tokens, expired sessions, sent or failed mails.
HousekeepingCounts run_housekeeping(storage::Database& db, const app::Config& config,
                                    std::int64_t now);

// Runs run_housekeeping in the background: at start and then every interval, on one server at a
// time. Before each pass the worker asks for the lease "housekeeping" (table job_leases) for
// two intervals; the holder renews it with each pass, the other servers skip theirs until the
// holder has missed one. A pass without the lease (an expired one overlapping the next holder's)
// stays correct: the tasks claim their rows.
class HousekeepingWorker {
 public:
  HousekeepingWorker(storage::Database& db, const app::Config& config,
                     std::function<std::int64_t()> clock, int interval_ms = 60'000);
  ~HousekeepingWorker();
  HousekeepingWorker(const HousekeepingWorker&) = delete;
  HousekeepingWorker& operator=(const HousekeepingWorker&) = delete;

  void start();
  // Returns at once when idle; a pass under way is finished first.
  void stop();

 private:
  void loop();
  // Whether this server runs the next pass; logs when that changes.
  bool lease(std::int64_t now);

  storage::Database& db_;
  const app::Config& config_;
  std::function<std::int64_t()> clock_;
  int interval_ms_;
  std::string holder_;  // this server in job_leases: host name and process id
  bool holding_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace hk::jobs
