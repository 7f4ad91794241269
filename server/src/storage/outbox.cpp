#include "storage/outbox.hpp"

namespace hk::storage {

namespace {

constexpr const char* columns =
    "id, recipient, user_id, template, language, subject, body, status, attempts, "
    "next_attempt_at, locked_until, last_error, created_at, sent_at, attachment_name, "
    "attachment_type, attachment_body, help_request_id";

OutboxMail from_row(const Row& r) {
  OutboxMail m;
  m.id = r.int64(0);
  m.recipient = r.text(1);
  m.user_id = r.opt_int64(2);
  m.template_id = r.text(3);
  m.language = r.text(4);
  m.subject = r.text(5);
  m.body = r.text(6);
  m.status = r.text(7);
  m.attempts = static_cast<int>(r.int64(8));
  m.next_attempt_at = r.int64(9);
  m.locked_until = r.opt_int64(10);
  m.last_error = r.opt_text(11);
  m.created_at = r.int64(12);
  m.sent_at = r.opt_int64(13);
  if (!r.is_null(14)) m.attachment = OutboxMail::Attachment{r.text(14), r.text(15), r.text(16)};
  m.help_request_id = r.opt_int64(17);
  return m;
}

}  // namespace

std::int64_t insert_outbox(Connection& c, const OutboxMail& mail, std::int64_t now) {
  return c
      .query(
          "INSERT INTO mail_outbox (recipient, user_id, template, language, subject, body, "
          "status, attempts, next_attempt_at, created_at, attachment_name, attachment_type, "
          "attachment_body, help_request_id) "
          "VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7, $8, $9, $10, $11) RETURNING id",
          {mail.recipient, mail.user_id ? Value(*mail.user_id) : null(), mail.template_id,
           mail.language, mail.subject, mail.body, now,
           mail.attachment ? Value(mail.attachment->name) : null(),
           mail.attachment ? Value(mail.attachment->content_type) : null(),
           mail.attachment ? Value(mail.attachment->body) : null(),
           mail.help_request_id ? Value(*mail.help_request_id) : null()})
      .one()
      .int64(0);
}

std::vector<std::int64_t> due_outbox_ids(Connection& c, std::int64_t now, int limit) {
  auto result = c.query(
      "SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $1 "
      "AND (locked_until IS NULL OR locked_until < $1) ORDER BY next_attempt_at, id LIMIT $2",
      {now, std::int64_t{limit}});
  std::vector<std::int64_t> ids;
  for (const auto& r : result.rows) ids.push_back(r.int64(0));
  return ids;
}

std::optional<OutboxMail> claim_outbox(Connection& c, std::int64_t id, std::int64_t now,
                                       std::int64_t lease_until) {
  auto result =
      c.query(std::string("UPDATE mail_outbox SET locked_until = $3 "
                          "WHERE id = $1 AND status = 'pending' AND next_attempt_at <= $2 "
                          "AND (locked_until IS NULL OR locked_until < $2) RETURNING ") +
                  columns,
              {id, now, lease_until});
  if (result.empty()) return std::nullopt;
  return from_row(result.rows.front());
}

void mark_outbox_sent(Connection& c, std::int64_t id, std::int64_t now) {
  c.query(
      "UPDATE mail_outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, "
      "locked_until = NULL, last_error = NULL WHERE id = $1",
      {id, now});
}

void mark_outbox_attempt_failed(Connection& c, std::int64_t id, const std::string& error,
                                std::optional<std::int64_t> retry_at) {
  if (retry_at) {
    c.query(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, "
        "locked_until = NULL WHERE id = $1",
        {id, error, *retry_at});
  } else {
    c.query(
        "UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = $2, "
        "locked_until = NULL WHERE id = $1",
        {id, error});
  }
}

std::optional<OutboxMail> find_outbox(Connection& c, std::int64_t id) {
  auto result = c.query(std::string("SELECT ") + columns + " FROM mail_outbox WHERE id = $1", {id});
  if (result.empty()) return std::nullopt;
  return from_row(result.rows.front());
}

std::vector<OutboxMail> list_outbox(Connection& c, const std::string& recipient) {
  auto result = c.query(
      std::string("SELECT ") + columns + " FROM mail_outbox WHERE recipient = $1 ORDER BY id",
      {recipient});
  std::vector<OutboxMail> out;
  for (const auto& r : result.rows) out.push_back(from_row(r));
  return out;
}

}  // namespace hk::storage
