#include "mail/outbox.hpp"

#include "mail/templates.hpp"
#include "storage/outbox.hpp"

namespace hk::mail {

void enqueue(storage::Connection& c, const Mail& mail, std::int64_t now) {
  auto rendered = render(mail.template_id, mail.language, mail.params);
  storage::OutboxMail row;
  row.recipient = mail.to;
  row.user_id = mail.user_id;
  row.template_id = mail.template_id;
  row.language = mail.language;
  row.subject = std::move(rendered.subject);
  row.body = std::move(rendered.body);
  if (mail.attachment) {
    row.attachment = storage::OutboxMail::Attachment{
        mail.attachment->filename, mail.attachment->content_type, mail.attachment->content};
  }
  row.help_request_id = mail.help_request_id;
  storage::insert_outbox(c, row, now);
}

}  // namespace hk::mail
