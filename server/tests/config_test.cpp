#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <utility>
#include <vector>

#include "test_support.hpp"

using namespace hk::app;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string write_file(const hk::test::TempDir& dir, const std::string& text) {
  auto path = (dir.path() / "helferkarte.toml").string();
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST(Config, DefaultsMatchTheDocumentedOnes) {
  auto c = load_config(std::nullopt, env_of({}), {});
  EXPECT_EQ(c.listen, "127.0.0.1:8080");
  EXPECT_EQ(c.database, "sqlite:./var/helferkarte.db");
  EXPECT_EQ(c.max_body_bytes, 1024u * 1024u);
  EXPECT_EQ(c.mail_transport, "log");
  EXPECT_EQ(c.effective_base_url(), "http://localhost:8080");
}

TEST(Config, FlagsBeatEnvironmentWhichBeatsTheFile) {
  hk::test::TempDir dir;
  auto file = write_file(dir, R"(
[server]
listen = "0.0.0.0:9000"
web_dir = "/srv/web"
max_body_bytes = 2048

[database]
url = "sqlite:/from/file.db"

[mail]
transport = "smtp"
)");
  auto env = env_of(
      {{"HELFERKARTE_LISTEN", "127.0.0.1:9001"}, {"HELFERKARTE_DATABASE", "sqlite:/from/env.db"}});
  auto c = load_config(file, env, {{"database.url", "sqlite:/from/flag.db"}});
  EXPECT_EQ(c.database, "sqlite:/from/flag.db");  // flag over env over file
  EXPECT_EQ(c.listen, "127.0.0.1:9001");          // env over file
  EXPECT_EQ(c.web_dir, "/srv/web");               // file over default
  EXPECT_EQ(c.max_body_bytes, 2048u);
  EXPECT_EQ(c.mail_transport, "smtp");
  EXPECT_EQ(c.workers, 4);  // default where nobody says otherwise
}

TEST(Config, EnvironmentNamesFollowTheContract) {
  EXPECT_EQ(env_name("server.listen"), "HELFERKARTE_LISTEN");
  EXPECT_EQ(env_name("database.url"), "HELFERKARTE_DATABASE");
  EXPECT_EQ(env_name("mail.transport"), "HELFERKARTE_MAIL_TRANSPORT");
}

TEST(Config, RejectsBadValuesWithTheirName) {
  try {
    load_config(std::nullopt, env_of({{"HELFERKARTE_LISTEN", "nonsense"}}), {});
    FAIL() << "accepted a listen address without a port";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("HELFERKARTE_LISTEN"), std::string::npos);
  }
  EXPECT_THROW(load_config(std::nullopt, env_of({}), {{"mail.transport", "pigeon"}}), ConfigError);
  EXPECT_THROW(load_config(std::nullopt, env_of({}), {{"server.max_body_bytes", "-5"}}),
               ConfigError);
}

TEST(Config, RejectsUnknownKeysAndBrokenFiles) {
  hk::test::TempDir dir;
  auto unknown = write_file(dir, "[server]\nlisten_on = \"x\"\n");
  EXPECT_THROW(load_config(unknown, env_of({}), {}), ConfigError);
  auto broken = write_file(dir, "[server\nlisten = \n");
  EXPECT_THROW(load_config(broken, env_of({}), {}), ConfigError);
}

TEST(Config, HotlineRetentionDaysDefaultsTo30AndIsBounded) {
  EXPECT_EQ(load_config(std::nullopt, env_of({}), {}).hotline_retention_days, 30);
  EXPECT_EQ(env_name("hotline.retention_days"), "HELFERKARTE_HOTLINE_RETENTION_DAYS");
  auto zero = load_config(std::nullopt, env_of({{"HELFERKARTE_HOTLINE_RETENTION_DAYS", "0"}}), {});
  EXPECT_EQ(zero.hotline_retention_days, 0);
  EXPECT_EQ(load_config(std::nullopt, env_of({}), {{"hotline.retention_days", "3650"}})
                .hotline_retention_days,
            3650);
  hk::test::TempDir dir;
  auto file = write_file(dir, "[hotline]\nretention_days = 7\n");
  EXPECT_EQ(load_config(file, env_of({}), {}).hotline_retention_days, 7);
  try {
    load_config(std::nullopt, env_of({{"HELFERKARTE_HOTLINE_RETENTION_DAYS", "3651"}}), {});
    FAIL() << "accepted a retention of more than ten years";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("HELFERKARTE_HOTLINE_RETENTION_DAYS"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("hotline.retention_days"), std::string::npos);
  }
  EXPECT_THROW(load_config(std::nullopt, env_of({}), {{"hotline.retention_days", "-1"}}),
               ConfigError);
  EXPECT_THROW(load_config(std::nullopt, env_of({}), {{"hotline.retention_days", "dreißig"}}),
               ConfigError);
}

TEST(Config, RetentionPeriodsHaveTheirDefaultsAndAreBounded) {
  auto defaults = load_config(std::nullopt, env_of({}), {});
  EXPECT_EQ(defaults.retention_unverified_account_days, 7);
  EXPECT_EQ(defaults.retention_token_days, 7);
  EXPECT_EQ(defaults.retention_session_days, 30);
  EXPECT_EQ(defaults.retention_mail_body_days, 30);

  const std::vector<std::pair<std::string, int Config::*>> periods = {
      {"unverified_account_days", &Config::retention_unverified_account_days},
      {"token_days", &Config::retention_token_days},
      {"session_days", &Config::retention_session_days},
      {"mail_body_days", &Config::retention_mail_body_days}};
  hk::test::TempDir dir;
  for (const auto& [name, member] : periods) {
    auto key = "retention." + name;
    auto env = env_name(key);
    std::string upper;
    for (char ch : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_EQ(env, "HELFERKARTE_RETENTION_" + upper);
    EXPECT_EQ(load_config(std::nullopt, env_of({{env, "1"}}), {}).*member, 1) << key;
    EXPECT_EQ(load_config(std::nullopt, env_of({}), {{key, "3650"}}).*member, 3650) << key;
    auto file = write_file(dir, "[retention]\n" + name + " = 90\n");
    EXPECT_EQ(load_config(file, env_of({}), {}).*member, 90) << key;
    // The command line wins over the environment.
    EXPECT_EQ(load_config(std::nullopt, env_of({{env, "5"}}), {{key, "6"}}).*member, 6) << key;
    try {
      load_config(std::nullopt, env_of({{env, "0"}}), {});
      ADD_FAILURE() << key << " accepted 0 days";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(env), std::string::npos);
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos);
    }
    EXPECT_THROW(load_config(std::nullopt, env_of({}), {{key, "3651"}}), ConfigError) << key;
    EXPECT_THROW(load_config(std::nullopt, env_of({}), {{key, "sieben"}}), ConfigError) << key;
  }
}
