#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "mail/transport.hpp"
#include "storage/database.hpp"

namespace hk::mail {

struct WorkerOptions {
  std::string from;  // the From header as configured
  int interval_ms = 1000;
  std::int64_t lease_seconds = 60;
  int max_attempts = 8;
  int batch = 50;
};

// Seconds until the next try after the n-th failed attempt (n >= 1), or nullopt when the
// mail is given up after `max_attempts` attempts: 30 s, 2 min, 10 min, 1 h, 6 h, then
// 12 h.
std::optional<std::int64_t> retry_delay(int failed_attempts, int max_attempts);

// Sends what the outbox holds, in the background: at start and then every interval.
class OutboxWorker {
 public:
  OutboxWorker(storage::Database& db, Transport& transport, std::function<std::int64_t()> clock,
               WorkerOptions options);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void start();
  // Returns at once when idle; a mail being sent is finished first.
  void stop();

  struct Outcome {
    int sent = 0;
    int failed = 0;  // attempts that failed, given up or not
  };
  // One pass over the due mails, as the background thread makes it.
  Outcome run_once(std::int64_t now);

 private:
  void loop();
  bool stopping();

  storage::Database& db_;
  Transport& transport_;
  std::function<std::int64_t()> clock_;
  WorkerOptions options_;
  std::string from_address_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace hk::mail
