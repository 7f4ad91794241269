#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "mail/message.hpp"
#include "mail/outbox.hpp"
#include "mail/outbox_worker.hpp"
#include "storage/migrations.hpp"
#include "storage/outbox.hpp"
#include "test_support.hpp"

using namespace hk;

namespace {

// A test double for the network: records what it is given, or fails on demand.
class RecordingTransport : public mail::Transport {
 public:
  void send(const mail::Envelope& envelope, const std::string& message) override {
    std::this_thread::sleep_for(delay);
    std::lock_guard lock(mutex);
    if (failures_left != 0) {
      if (failures_left > 0) --failures_left;
      throw mail::SendError("451 try again later");
    }
    sent.push_back({envelope, message});
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return sent.size();
  }

  std::mutex mutex;
  int failures_left = 0;  // -1: fail for ever
  std::chrono::milliseconds delay{0};
  std::vector<std::pair<mail::Envelope, std::string>> sent;
};

const std::string from = "Helferkarte <noreply@helferkarte.example>";

mail::Mail reset_mail(const std::string& to) {
  return {"password_reset",
          to,
          std::nullopt,
          "de",
          {{"name", "Anna"}, {"link", "https://h.example/passwort-neu?token=T0KEN"}}};
}

struct Fixture {
  test::TempDatabase db;
  RecordingTransport transport;
  std::int64_t clock = 1'800'000'000;

  std::int64_t enqueue(const mail::Mail& m) {
    std::int64_t id = 0;
    db->write([&](storage::Connection& c) {
      mail::enqueue(c, m, clock);
      id = c.query("SELECT MAX(id) FROM mail_outbox").one().int64(0);
    });
    return id;
  }
  storage::OutboxMail row(std::int64_t id) {
    std::optional<storage::OutboxMail> m;
    db->read([&](storage::Connection& c) { m = storage::find_outbox(c, id); });
    return m.value();
  }
  mail::OutboxWorker worker(int interval_ms = 1000) {
    mail::WorkerOptions options{.from = from, .interval_ms = interval_ms};
    return mail::OutboxWorker(
        *db, transport, [this] { return clock; }, options);
  }
};

}  // namespace

TEST(MailOutbox, EnqueueStoresTheRenderedMailAsDueAtOnce) {
  Fixture f;
  auto id = f.enqueue(reset_mail("anna@example.org"));
  auto m = f.row(id);
  EXPECT_EQ(m.recipient, "anna@example.org");
  EXPECT_EQ(m.template_id, "password_reset");
  EXPECT_EQ(m.language, "de");
  EXPECT_EQ(m.subject, "Neues Passwort für die Helferkarte");
  EXPECT_NE(m.body.find("\nhttps://h.example/passwort-neu?token=T0KEN\n"), std::string::npos);
  EXPECT_EQ(m.status, "pending");
  EXPECT_EQ(m.attempts, 0);
  EXPECT_EQ(m.next_attempt_at, f.clock);
  EXPECT_EQ(m.created_at, f.clock);
  EXPECT_FALSE(m.locked_until);
}

TEST(MailOutbox, AMailOfARolledBackTransactionNeverExists) {
  Fixture f;
  EXPECT_THROW(f.db->write([&](storage::Connection& c) {
    mail::enqueue(c, reset_mail("anna@example.org"), f.clock);
    throw std::runtime_error("the event failed");
  }),
               std::runtime_error);
  f.db->read([](storage::Connection& c) {
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM mail_outbox").one().int64(0), 0);
  });
  EXPECT_EQ(f.worker().run_once(f.clock).sent, 0);
}

TEST(MailOutbox, EnqueueRefusesABrokenMailBeforeWriting) {
  Fixture f;
  auto m = reset_mail("anna@example.org");
  m.params.erase("link");
  EXPECT_THROW(f.db->write([&](storage::Connection& c) { mail::enqueue(c, m, f.clock); }),
               std::logic_error);
}

TEST(MailOutboxWorker, SendsDueMailsAndMarksThemSent) {
  Fixture f;
  auto id = f.enqueue(reset_mail("anna@example.org"));
  auto worker = f.worker();
  auto outcome = worker.run_once(f.clock + 1);
  EXPECT_EQ(outcome.sent, 1);
  ASSERT_EQ(f.transport.sent.size(), 1u);
  const auto& [envelope, message] = f.transport.sent.front();
  EXPECT_EQ(envelope.outbox_id, id);
  EXPECT_EQ(envelope.to, "anna@example.org");
  EXPECT_EQ(envelope.from, "noreply@helferkarte.example");
  EXPECT_EQ(envelope.template_id, "password_reset");
  EXPECT_NE(message.find("To: anna@example.org\r\n"), std::string::npos);
  EXPECT_NE(message.find("From: Helferkarte <noreply@helferkarte.example>\r\n"), std::string::npos);
  EXPECT_NE(message.find("\r\n\r\nhttps://h.example/passwort-neu?token=T0KEN\r\n"),
            std::string::npos);

  auto m = f.row(id);
  EXPECT_EQ(m.status, "sent");
  EXPECT_EQ(m.sent_at, f.clock + 1);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_FALSE(m.locked_until);
  // Sent is sent: the next pass leaves it alone.
  EXPECT_EQ(worker.run_once(f.clock + 100).sent, 0);
  EXPECT_EQ(f.transport.sent.size(), 1u);
}

TEST(MailOutboxWorker, RetriesWithGrowingDelaysThenGivesUp) {
  Fixture f;
  f.transport.failures_left = -1;
  auto id = f.enqueue(reset_mail("anna@example.org"));
  auto worker = f.worker();

  std::vector<std::int64_t> delays;
  auto now = f.clock;
  for (int attempt = 1; attempt <= 8; ++attempt) {
    SCOPED_TRACE(attempt);
    auto before = f.row(id);
    ASSERT_EQ(before.status, "pending");
    // A second early is too early.
    if (attempt > 1) {
      EXPECT_EQ(worker.run_once(before.next_attempt_at - 1).failed, 0);
    }
    now = before.next_attempt_at;
    EXPECT_EQ(worker.run_once(now).failed, 1);
    auto after = f.row(id);
    EXPECT_EQ(after.attempts, attempt);
    EXPECT_EQ(after.last_error, "451 try again later");
    EXPECT_FALSE(after.locked_until);
    if (attempt < 8) {
      EXPECT_EQ(after.status, "pending");
      delays.push_back(after.next_attempt_at - now);
    } else {
      EXPECT_EQ(after.status, "failed");
    }
  }
  EXPECT_EQ(delays, (std::vector<std::int64_t>{30, 120, 600, 3600, 21600, 43200, 43200}));
  // Given up means given up.
  EXPECT_EQ(worker.run_once(now + 365 * 86400).failed, 0);
  EXPECT_EQ(f.row(id).attempts, 8);
}

TEST(MailOutboxWorker, ASuccessfulRetryClearsTheError) {
  Fixture f;
  f.transport.failures_left = 2;
  auto id = f.enqueue(reset_mail("anna@example.org"));
  auto worker = f.worker();
  worker.run_once(f.clock);
  worker.run_once(f.clock + 30);
  EXPECT_EQ(f.row(id).last_error, "451 try again later");
  EXPECT_EQ(worker.run_once(f.clock + 30 + 120).sent, 1);
  auto m = f.row(id);
  EXPECT_EQ(m.status, "sent");
  EXPECT_EQ(m.attempts, 3);
  EXPECT_FALSE(m.last_error);
  EXPECT_EQ(f.transport.sent.size(), 1u);
}

TEST(MailOutboxWorker, ALeasedMailIsLeftAloneUntilTheLeaseEnds) {
  Fixture f;
  auto id = f.enqueue(reset_mail("anna@example.org"));
  // Another server took the mail and has not reported back.
  f.db->write([&](storage::Connection& c) {
    ASSERT_TRUE(storage::claim_outbox(c, id, f.clock, f.clock + 60));
    EXPECT_FALSE(storage::claim_outbox(c, id, f.clock + 1, f.clock + 61));
  });
  auto worker = f.worker();
  EXPECT_EQ(worker.run_once(f.clock + 59).sent, 0);
  EXPECT_TRUE(f.transport.sent.empty());
  // That server died: after the lease the mail goes out here.
  EXPECT_EQ(worker.run_once(f.clock + 61).sent, 1);
  EXPECT_EQ(f.row(id).status, "sent");
}

TEST(MailOutboxWorker, TwoServersOnOneDatabaseSendEachMailOnce) {
  Fixture f;
  constexpr int mails = 40;
  for (int i = 0; i < mails; ++i) f.enqueue(reset_mail("p" + std::to_string(i) + "@example.org"));
  // The second server has its own connections to the same database.
  auto other_db = storage::open_database(f.db.url(), {});
  RecordingTransport other_transport;
  // Slow sends keep both passes running side by side over the same due mails.
  f.transport.delay = other_transport.delay = std::chrono::milliseconds(2);
  mail::OutboxWorker a(*f.db, f.transport, [&] { return f.clock; }, {.from = from});
  mail::OutboxWorker b(*other_db, other_transport, [&] { return f.clock; }, {.from = from});
  std::atomic<int> sent{0};
  std::thread ta([&] { sent += a.run_once(f.clock).sent; });
  std::thread tb([&] { sent += b.run_once(f.clock).sent; });
  ta.join();
  tb.join();
  EXPECT_EQ(sent.load(), mails);
  std::set<std::string> recipients;
  for (auto* t : {&f.transport, &other_transport}) {
    for (const auto& [envelope, message] : t->sent) {
      EXPECT_TRUE(recipients.insert(envelope.to).second) << envelope.to << " sent twice";
    }
  }
  EXPECT_EQ(recipients.size(), static_cast<std::size_t>(mails));
}

TEST(MailOutboxWorker, RetryDelaySchedule) {
  EXPECT_EQ(mail::retry_delay(1, 8), 30);
  EXPECT_EQ(mail::retry_delay(2, 8), 120);
  EXPECT_EQ(mail::retry_delay(5, 8), 6 * 3600);
  EXPECT_EQ(mail::retry_delay(7, 8), 12 * 3600);
  EXPECT_EQ(mail::retry_delay(8, 8), std::nullopt);
  EXPECT_EQ(mail::retry_delay(3, 3), std::nullopt);
}

TEST(MailOutboxWorker, TheThreadSendsAtOnceAndStopsWithoutWaitingAnInterval) {
  Fixture f;
  f.enqueue(reset_mail("anna@example.org"));
  auto worker = f.worker(60'000);
  worker.start();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (f.transport.count() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(f.transport.count(), 1u);
  auto before = std::chrono::steady_clock::now();
  worker.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(2));
}

TEST(MailOutboxWorker, TheThreadOutlivesDatabaseErrors) {
  test::TempDir dir;
  auto db = storage::open_database(dir.sqlite_url(), {});
  RecordingTransport transport;
  std::int64_t now = 1'800'000'000;
  // No schema yet: every pass fails until the migrations ran.
  mail::OutboxWorker worker(*db, transport, [&] { return now; }, {.from = from, .interval_ms = 20});
  worker.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  storage::migrate(*db);
  db->write([&](storage::Connection& c) { mail::enqueue(c, reset_mail("anna@example.org"), now); });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (transport.count() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  worker.stop();
  EXPECT_EQ(transport.count(), 1u);
}

TEST(MailAttachment, TheOutboxKeepsTheFileAndTheWorkerSendsIt) {
  Fixture f;
  const std::string ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Übergabe\\, Küche\r\nEND:VCALENDAR\r\n";
  auto with_file = reset_mail("anna@example.org");
  with_file.attachment =
      mail::Attachment{"gesuch-7.ics", "text/calendar; charset=utf-8; method=PUBLISH", ics};
  f.db->write([&](storage::Connection& c) {
    mail::enqueue(c, with_file, f.clock);
    mail::enqueue(c, reset_mail("bert@example.org"), f.clock);
  });

  f.db->read([&](storage::Connection& c) {
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

  EXPECT_EQ(f.worker().run_once(f.clock).sent, 2);
  ASSERT_EQ(f.transport.sent.size(), 2u);
  const auto& first = f.transport.sent[0].second;
  EXPECT_NE(first.find("Content-Type: multipart/mixed; boundary="), std::string::npos) << first;
  EXPECT_NE(first.find("Content-Disposition: attachment; filename=\"gesuch-7.ics\"\r\n"),
            std::string::npos);
  EXPECT_NE(first.find(mail::base64_lines(ics)), std::string::npos) << first;
  EXPECT_NE(first.find("https://h.example/passwort-neu?token=T0KEN"), std::string::npos);
  const auto& second = f.transport.sent[1].second;
  EXPECT_EQ(second.find("multipart"), std::string::npos);
  EXPECT_NE(second.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
}
