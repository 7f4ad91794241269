#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

struct OutboxMail {
  std::int64_t id = 0;
  std::string recipient;
  std::optional<std::int64_t> user_id;
  std::string template_id;
  std::string language;
  std::string subject;
  std::string body;
  std::string status;  // pending | sent | failed
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::optional<std::int64_t> locked_until;
  std::optional<std::string> last_error;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  // One file sent along (the .ics of an engagement); all three set or none.
  struct Attachment {
    std::string name;
    std::string content_type;
    std::string body;
  };
  std::optional<Attachment> attachment;
  // The hotline request whose caller the mail names; its erasure deletes the mail.
  std::optional<std::int64_t> help_request_id;
};

// A rendered mail, due at once. Returns its id.
std::int64_t insert_outbox(Connection& c, const OutboxMail& mail, std::int64_t now);

// Pending mails due at `now` and not leased by anybody, oldest first.
std::vector<std::int64_t> due_outbox_ids(Connection& c, std::int64_t now, int limit);

// Takes the lease on one mail until `lease_until`, unless it was sent, given up, rescheduled
// or leased by another worker meanwhile; then nullopt. The condition is in the UPDATE
// itself, so two servers on one database never both get the same mail.
std::optional<OutboxMail> claim_outbox(Connection& c, std::int64_t id, std::int64_t now,
                                       std::int64_t lease_until);

void mark_outbox_sent(Connection& c, std::int64_t id, std::int64_t now);
// A failed attempt: tried again at `retry_at`, or given up for good (status failed) when
// there is none.
void mark_outbox_attempt_failed(Connection& c, std::int64_t id, const std::string& error,
                                std::optional<std::int64_t> retry_at);

std::optional<OutboxMail> find_outbox(Connection& c, std::int64_t id);
// Every mail to `recipient`, oldest first; for tests and support.
std::vector<OutboxMail> list_outbox(Connection& c, const std::string& recipient);

}  // namespace hk::storage
