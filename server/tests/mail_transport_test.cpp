#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "app/config.hpp"
#include "mail/transport.hpp"
#include "test_support.hpp"

using namespace hk;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A port on which nothing listens: bound once by us, then released.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST(MailLogTransport, WritesOneCompleteFilePerMailNamedByTimeAndId) {
  test::TempDir dir;
  auto folder = dir.path() / "mail" / "nested";  // created when missing
  mail::LogTransport transport(folder);
  transport.send({7, "verify_email", "noreply@h.example", "a@example.org", 1796119200},
                 "Subject: one\r\n\r\nfirst\r\n");
  transport.send({12, "verify_email", "noreply@h.example", "b@example.org", 1796119200},
                 "Subject: two\r\n\r\nsecond\r\n");
  transport.send({3, "verify_email", "noreply@h.example", "c@example.org", 1796119201},
                 "Subject: three\r\n\r\nthird\r\n");
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(folder)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names, (std::vector<std::string>{"20261201T100000Z-0000000007.eml",
                                             "20261201T100000Z-0000000012.eml",
                                             "20261201T100001Z-0000000003.eml"}));
  EXPECT_EQ(read_file(folder / names[1]), "Subject: two\r\n\r\nsecond\r\n");
}

TEST(MailLogTransport, AFolderThatCannotBeWrittenIsASendError) {
  test::TempDir dir;
  mail::LogTransport transport(dir.path() / "x");
  // The folder has become a file meanwhile.
  std::filesystem::remove_all(dir.path() / "x");
  std::ofstream(dir.path() / "x") << "now a file";
  EXPECT_THROW(transport.send({1, "verify_email", "f@h.example", "a@example.org", 0}, "x"),
               mail::SendError);
}

TEST(MailTransport, SmtpWithoutHostIsAConfigurationError) {
  app::Config config;
  config.mail_transport = "smtp";
  EXPECT_THROW(mail::make_transport(config), app::ConfigError);
  config.smtp_host = "127.0.0.1";
  EXPECT_NE(dynamic_cast<mail::SmtpTransport*>(mail::make_transport(config).get()), nullptr);
}

TEST(MailTransport, LogIsTheDefault) {
  test::TempDir dir;
  app::Config config;
  config.mail_dir = (dir.path() / "mail").string();
  EXPECT_NE(dynamic_cast<mail::LogTransport*>(mail::make_transport(config).get()), nullptr);
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "mail"));
}

TEST(MailTransport, SmtpToAClosedPortFailsWithTheReason) {
  mail::SmtpOptions options;
  options.host = "127.0.0.1";
  options.port = closed_port();
  options.security = "none";
  options.connect_timeout_seconds = 5;
  mail::SmtpTransport transport(options);
  try {
    transport.send({1, "verify_email", "f@h.example", "a@example.org", 0},
                   "Subject: x\r\n\r\nx\r\n");
    FAIL() << "sent to a closed port";
  } catch (const mail::SendError& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(options.port)),
              std::string::npos)
        << e.what();
  }
}

TEST(MailConfig, SmtpSettingsHaveTheirEnvironmentNames) {
  EXPECT_EQ(app::env_name("mail.smtp_host"), "HELFERKARTE_SMTP_HOST");
  EXPECT_EQ(app::env_name("mail.smtp_port"), "HELFERKARTE_SMTP_PORT");
  EXPECT_EQ(app::env_name("mail.smtp_security"), "HELFERKARTE_SMTP_SECURITY");
  EXPECT_EQ(app::env_name("mail.smtp_username"), "HELFERKARTE_SMTP_USERNAME");
  EXPECT_EQ(app::env_name("mail.smtp_password"), "HELFERKARTE_SMTP_PASSWORD");
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "HELFERKARTE_SMTP_HOST") return "mail.example.org";
    if (name == "HELFERKARTE_SMTP_PORT") return "465";
    if (name == "HELFERKARTE_SMTP_SECURITY") return "tls";
    return std::nullopt;
  };
  auto c = app::load_config(std::nullopt, env, {});
  EXPECT_EQ(c.smtp_host, "mail.example.org");
  EXPECT_EQ(c.smtp_port, 465);
  EXPECT_EQ(c.smtp_security, "tls");
  auto defaults =
      app::load_config(std::nullopt, [](const std::string&) { return std::nullopt; }, {});
  EXPECT_EQ(defaults.smtp_port, 587);
  EXPECT_EQ(defaults.smtp_security, "starttls");
  EXPECT_THROW(app::load_config(std::nullopt, env, {{"mail.smtp_security", "ssl"}}),
               app::ConfigError);
  EXPECT_THROW(app::load_config(std::nullopt, env, {{"mail.smtp_port", "0"}}), app::ConfigError);
}
