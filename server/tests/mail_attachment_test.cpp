#include <gtest/gtest.h>

#include "mail/message.hpp"
#include "mail/outbox.hpp"
#include "mail/outbox_worker.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "test_support.hpp"

using namespace hk;

namespace {

class KeepingTransport : public mail::Transport {
 public:
  void send(const mail::Envelope&, const std::string& message) override { sent.push_back(message); }
  std::vector<std::string> sent;
};

mail::Mail reset_mail(const std::string& to) {
  return {"password_reset",
          to,
          std::nullopt,
          "de",
          {{"name", "Anna"}, {"link", "https://h.example/passwort-neu?token=T0KEN"}}};
}

const std::string ics =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Übergabe\\, Küche\r\nEND:VCALENDAR\r\n";

}  // namespace

TEST(MailAttachment, TheOutboxKeepsTheFileAndTheWorkerSendsIt) {
  test::TempDir dir;
  auto db = storage::open_database(dir.sqlite_url(), {});
  storage::migrate(*db);
  const std::int64_t now = 1'800'000'000;

  auto with_file = reset_mail("anna@example.org");
  with_file.attachment =
      mail::Attachment{"gesuch-7.ics", "text/calendar; charset=utf-8; method=PUBLISH", ics};
  db->write([&](storage::Connection& c) {
    mail::enqueue(c, with_file, now);
    mail::enqueue(c, reset_mail("bert@example.org"), now);
  });

  db->read([&](storage::Connection& c) {
    auto anna = storage::list_outbox(c, "anna@example.org");
    ASSERT_EQ(anna.size(), 1u);
    ASSERT_TRUE(anna.front().attachment);
    EXPECT_EQ(anna.front().attachment->name, "gesuch-7.ics");
    EXPECT_EQ(anna.front().attachment->content_type,
              "text/calendar; charset=utf-8; method=PUBLISH");
    EXPECT_EQ(anna.front().attachment->body, ics);
    auto bert = storage::list_outbox(c, "bert@example.org");
    ASSERT_EQ(bert.size(), 1u);
    EXPECT_FALSE(bert.front().attachment);
  });

  KeepingTransport transport;
  mail::OutboxWorker worker(*db, transport, [&] { return now; },
                            {.from = "Helferkarte <noreply@h.example>"});
  EXPECT_EQ(worker.run_once(now).sent, 2);
  ASSERT_EQ(transport.sent.size(), 2u);
  const auto& first = transport.sent[0];
  EXPECT_NE(first.find("Content-Type: multipart/mixed; boundary="), std::string::npos) << first;
  EXPECT_NE(first.find("Content-Disposition: attachment; filename=\"gesuch-7.ics\"\r\n"),
            std::string::npos);
  EXPECT_NE(first.find(mail::base64_lines(ics)), std::string::npos) << first;
  EXPECT_NE(first.find("https://h.example/passwort-neu?token=T0KEN"), std::string::npos);
  const auto& second = transport.sent[1];
  EXPECT_EQ(second.find("multipart"), std::string::npos);
  EXPECT_NE(second.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
}
