#include "jobs/housekeeping.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "api/need_access.hpp"
#include "api/person_mail.hpp"
#include "api/signup_mail.hpp"
#include "auth/tokens.hpp"
#include "domain/account.hpp"
#include "domain/help_request.hpp"
#include "jobs/repetitions.hpp"
#include "mail/outbox.hpp"
#include "storage/audit.hpp"
#include "storage/help_requests.hpp"
#include "storage/housekeeping.hpp"
#include "storage/job_leases.hpp"
#include "storage/needs.hpp"
#include "storage/retention.hpp"
#include "storage/roles.hpp"
#include "util/clock.hpp"

namespace hk::jobs {

namespace {

// Reminders claimed per pass; the rest follow a minute later.
constexpr int reminder_batch = 500;
// Requests read per round of the erasure; rounds go on until none is due.
constexpr int erasure_batch = 200;
// Unverified accounts read per round of the retention task.
constexpr int retention_batch = 200;
constexpr std::int64_t seconds_per_day = 86400;
constexpr const char* housekeeping_lease = "housekeeping";

std::string this_process() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

// Mails are written at the wall-clock time, so the outbox sends them at once, also when a
// pass is run for another moment (`helferkarte jobs run --at`).
void send(storage::Connection& c, const mail::Mail& m) { mail::enqueue(c, m, util::now_seconds()); }

const domain::Shift* shift_of(const domain::Need& need, std::int64_t shift_id) {
  for (const auto& s : need.shifts) {
    if (s.id == shift_id) return &s;
  }
  return nullptr;
}

int make_repetitions(storage::Database& db, std::int64_t now) {
  std::vector<std::int64_t> ids;
  db.read([&](storage::Connection& c) { ids = storage::repeating_need_ids(c); });
  int inserted = 0;
  for (auto id : ids) {
    // One short transaction per need: the writer lock is not held across the whole list.
    db.write([&](storage::Connection& c) { inserted += generate_repetitions(c, id, now); });
  }
  return inserted;
}

int send_reminders(storage::Database& db, const app::Config& config, std::int64_t now) {
  const auto to = now + reminder_lead_seconds;
  std::vector<std::int64_t> due;
  db.read(
      [&](storage::Connection& c) { due = storage::due_reminder_ids(c, now, to, reminder_batch); });
  const auto base = config.effective_base_url();
  int sent = 0;
  for (auto id : due) {
    // The claim and the mail commit together: a reminder is marked sent exactly when its
    // mail is in the outbox.
    db.write([&](storage::Connection& c) {
      auto token = auth::random_token();
      auto claimed = storage::claim_reminder(c, id, now, to, auth::token_hash(token));
      if (!claimed) return;  // another server was first, or the sign-up changed
      auto shift_row = storage::find_shift(c, claimed->shift_id);
      auto need = shift_row ? storage::find_need(c, shift_row->need_id) : std::nullopt;
      auto person = storage::find_person(c, claimed->user_id);
      const auto* shift = need ? shift_of(*need, claimed->shift_id) : nullptr;
      if (!shift || !person) return;
      auto link = base + "/einsatz?token=" + token;
      send(c, api::mail_to(*person, "signup_reminder",
                           {{"need", need->title},
                            {"when", api::shift_when(*shift, person->language)},
                            {"place", api::need_place(*need, person->language)},
                            {"confirm_link", link},
                            {"cancel_link", link},
                            {"link", base + api::need_path(need->id)}}));
      ++sent;
    });
  }
  return sent;
}

int warn_expiring(storage::Database& db, const app::Config& config, std::int64_t now) {
  const auto base = config.effective_base_url();
  int warned = 0;
  db.write([&](storage::Connection& c) {
    for (auto id : storage::claim_expiring_needs(c, now, now + expiry_warning_seconds)) {
      auto need = storage::find_need(c, id);
      if (!need || need->shifts.empty()) continue;
      const auto& last = need->shifts.back();  // ordered by start
      for (const auto& p : storage::group_admins_and(c, need->organization_id, need->created_by)) {
        send(c, api::mail_to(p, "need_expiring",
                             {{"need", need->title},
                              {"when", api::shift_when(last, p.language)},
                              {"link", base + api::group_need_path(*need)}}));
      }
      ++warned;
    }
  });
  return warned;
}

int complete_needs(storage::Database& db, std::int64_t now) {
  int completed = 0;
  db.write([&](storage::Connection& c) {
    completed =
        static_cast<int>(storage::complete_finished_needs(c, now, domain::berlin_day(now)).size());
  });
  return completed;
}

int erase_help_requests(storage::Database& db, const app::Config& config, std::int64_t now) {
  const auto cutoff = domain::erasure_cutoff(now, config.hotline_retention_days);
  int erased = 0;
  for (;;) {
    std::vector<std::int64_t> due;
    db.read([&](storage::Connection& c) {
      due = storage::due_help_request_erasures(c, cutoff, erasure_batch);
    });
    int round = 0;
    for (auto id : due) {
      // One transaction per request: the erasure and its audit entry commit together.
      db.write([&](storage::Connection& c) {
        auto request = storage::find_help_request(c, id);
        if (!request || !storage::erase_help_request(c, id, cutoff, now)) return;
        domain::AuditEntry entry;
        entry.at = now;
        entry.municipality_id = request->municipality_id;
        entry.actor_name = "Helferkarte";
        entry.action = "help_request.erased";
        entry.subject_type = "help_request";
        entry.subject_id = id;
        // Read before the erasure; it names the category and area, never the caller.
        entry.subject_label = domain::help_request_label(*request);
        storage::append_audit(c, entry);
        ++round;
      });
    }
    erased += round;
    // A short batch was the last; a batch that erased nothing (another server was first)
    // leaves the rest to the next pass rather than spinning.
    if (static_cast<int>(due.size()) < erasure_batch || round == 0) break;
  }
  return erased;
}

int delete_unverified_accounts(storage::Database& db, std::int64_t created_before) {
  int deleted = 0;
  for (;;) {
    std::vector<std::int64_t> due;
    db.read([&](storage::Connection& c) {
      due = storage::due_unverified_accounts(c, created_before, retention_batch);
    });
    int round = 0;
    // One batch per transaction: the writer lock is not held across the whole backlog.
    db.write([&](storage::Connection& c) {
      for (auto id : due) {
        if (storage::delete_unverified_account(c, id, created_before)) ++round;
      }
    });
    deleted += round;
    if (static_cast<int>(due.size()) < retention_batch || round == 0) break;
  }
  return deleted;
}

int apply_retention(storage::Database& db, const app::Config& config, std::int64_t now) {
  auto before = [&](int days) { return now - static_cast<std::int64_t>(days) * seconds_per_day; };
  int deleted = delete_unverified_accounts(db, before(config.retention_unverified_account_days));
  db.write([&](storage::Connection& c) {
    deleted += storage::delete_old_account_tokens(c, before(config.retention_token_days));
    deleted += storage::delete_old_sessions(c, before(config.retention_session_days),
                                            domain::session_idle_seconds);
    deleted += storage::delete_old_mails(c, before(config.retention_mail_body_days));
  });
  return deleted;
}

}  // namespace

HousekeepingCounts run_housekeeping(storage::Database& db, const app::Config& config,
                                    std::int64_t now) {
  HousekeepingCounts counts;
  // A task that fails leaves the others to run; the next pass tries it again.
  auto task = [&](const char* name, const std::function<void()>& work) {
    try {
      work();
    } catch (const std::exception& e) {
      counts.errors.push_back(std::string(name) + ": " + e.what());
    }
  };
  task("repetitions", [&] { counts.repetitions = make_repetitions(db, now); });
  task("reminders", [&] { counts.reminders = send_reminders(db, config, now); });
  task("expiry warnings", [&] { counts.expiry_warnings = warn_expiring(db, config, now); });
  task("completion", [&] { counts.completed = complete_needs(db, now); });
  task("erasure", [&] { counts.erased = erase_help_requests(db, config, now); });
  task("retention", [&] { counts.retention_deleted = apply_retention(db, config, now); });
  return counts;
}

HousekeepingWorker::HousekeepingWorker(storage::Database& db, const app::Config& config,
                                       std::function<std::int64_t()> clock, int interval_ms)
    : db_(db),
      config_(config),
      clock_(std::move(clock)),
      interval_ms_(interval_ms),
      holder_(this_process()) {}

HousekeepingWorker::~HousekeepingWorker() { stop(); }

void HousekeepingWorker::start() {
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void HousekeepingWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool HousekeepingWorker::lease(std::int64_t now) {
  const std::int64_t interval_seconds = std::max(1, interval_ms_ / 1000);
  bool held = false;
  try {
    db_.write([&](storage::Connection& c) {
      held =
          storage::take_job_lease(c, housekeeping_lease, holder_, now, now + 2 * interval_seconds);
    });
  } catch (const std::exception& e) {
    // Without the database the pass would fail as well; the next interval asks again.
    spdlog::error("housekeeping lease: {}", e.what());
    held = false;
  }
  if (held != holding_) {
    if (held) {
      spdlog::info("housekeeping: this server ({}) runs the background jobs", holder_);
    } else {
      spdlog::info("housekeeping: another server runs the background jobs");
    }
    holding_ = held;
  }
  return held;
}

void HousekeepingWorker::loop() {
  std::string last_error;
  for (;;) {
    const auto now = clock_();
    HousekeepingCounts counts;
    if (lease(now)) counts = run_housekeeping(db_, config_, now);
    if (counts.repetitions + counts.reminders + counts.expiry_warnings + counts.completed +
            counts.erased + counts.retention_deleted >
        0) {
      spdlog::info(
          "housekeeping: {} repetitions, {} reminders, {} expiry warnings, {} completed, {} "
          "erased, {} deleted after retention",
          counts.repetitions, counts.reminders, counts.expiry_warnings, counts.completed,
          counts.erased, counts.retention_deleted);
    }
    // The same failure every minute is logged once until it changes or goes away.
    std::string errors;
    for (const auto& e : counts.errors) errors += (errors.empty() ? "" : "; ") + e;
    if (!errors.empty() && errors != last_error) spdlog::error("housekeeping: {}", errors);
    last_error = errors;

    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [this] { return stop_; })) {
      return;
    }
  }
}

}  // namespace hk::jobs
