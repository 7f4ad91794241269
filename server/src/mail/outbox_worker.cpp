#include "mail/outbox_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "mail/message.hpp"
#include "storage/outbox.hpp"

namespace hk::mail {

namespace {

// What the database keeps of a failure; transport messages can be long.
std::string short_error(std::string s) {
  constexpr std::size_t limit = 1000;
  if (s.size() > limit) s.resize(limit);
  return s;
}

}  // namespace

std::optional<std::int64_t> retry_delay(int failed_attempts, int max_attempts) {
  static constexpr std::int64_t delays[] = {30, 2 * 60, 10 * 60, 3600, 6 * 3600, 12 * 3600};
  if (failed_attempts >= max_attempts) return std::nullopt;
  constexpr int n = sizeof(delays) / sizeof(delays[0]);
  return delays[std::clamp(failed_attempts, 1, n) - 1];
}

OutboxWorker::OutboxWorker(storage::Database& db, Transport& transport,
                           std::function<std::int64_t()> clock, WorkerOptions options)
    : db_(db),
      transport_(transport),
      clock_(std::move(clock)),
      options_(std::move(options)),
      from_address_(parse_address(options_.from).address) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::start() {
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool OutboxWorker::stopping() {
  std::lock_guard lock(mutex_);
  return stop_;
}

void OutboxWorker::loop() {
  std::string last_error;
  auto last_logged = std::chrono::steady_clock::time_point{};
  for (;;) {
    try {
      run_once(clock_());
      last_error.clear();
    } catch (const std::exception& e) {
      // A database hiccup must not end the thread: the next pass tries again. The same
      // error once a minute is enough for the log.
      auto now = std::chrono::steady_clock::now();
      if (e.what() != last_error || now - last_logged > std::chrono::minutes(1)) {
        spdlog::error("mail outbox: {}", e.what());
        last_error = e.what();
        last_logged = now;
      }
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, std::chrono::milliseconds(options_.interval_ms),
                       [this] { return stop_; })) {
      return;
    }
  }
}

OutboxWorker::Outcome OutboxWorker::run_once(std::int64_t now) {
  Outcome outcome;
  std::vector<std::int64_t> due;
  db_.read([&](storage::Connection& c) { due = storage::due_outbox_ids(c, now, options_.batch); });
  // Sending takes time: each lease starts when its mail is claimed, not when the pass began.
  auto started = clock_();
  for (auto id : due) {
    if (stopping()) break;
    auto t = clock_();
    now += std::max<std::int64_t>(0, t - started);
    started = t;
    std::optional<storage::OutboxMail> mail;
    db_.write([&](storage::Connection& c) {
      mail = storage::claim_outbox(c, id, now, now + options_.lease_seconds);
    });
    if (!mail) continue;  // another worker got it first

    std::optional<std::string> error;
    try {
      MessageParts parts;
      parts.from = options_.from;
      parts.to = mail->recipient;
      parts.subject = mail->subject;
      parts.body = mail->body;
      parts.date = now;
      parts.message_id = new_message_id(options_.from);
      if (mail->attachment) {
        parts.attachment = FilePart{mail->attachment->name, mail->attachment->content_type,
                                    mail->attachment->body};
      }
      transport_.send({mail->id, mail->template_id, from_address_, mail->recipient, now},
                      build_message(parts));
    } catch (const std::exception& e) {
      error = short_error(e.what());
    }

    if (!error) {
      db_.write([&](storage::Connection& c) { storage::mark_outbox_sent(c, mail->id, now); });
      ++outcome.sent;
      continue;
    }
    ++outcome.failed;
    auto attempts = mail->attempts + 1;
    auto delay = retry_delay(attempts, options_.max_attempts);
    std::optional<std::int64_t> retry_at;
    if (delay) retry_at = now + *delay;
    db_.write([&](storage::Connection& c) {
      storage::mark_outbox_attempt_failed(c, mail->id, *error, retry_at);
    });
    if (retry_at) {
      spdlog::warn("mail {} ({}) to {}: attempt {} failed, next in {} s: {}", mail->id,
                   mail->template_id, mail->recipient, attempts, *delay, *error);
    } else {
      spdlog::error("mail {} ({}) to {}: given up after {} attempts: {}", mail->id,
                    mail->template_id, mail->recipient, attempts, *error);
    }
  }
  return outcome;
}

}  // namespace hk::mail
