#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hk::app {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string web_dir = "web/dist";
  // Reverse proxies whose X-Forwarded-For names the client (rate limits count per client).
  // Listening on loopback means a proxy on this machine is in front.
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
  std::string base_url;  // empty: derived from listen
  std::size_t max_body_bytes = 1024 * 1024;
  int workers = 4;     // threads for blocking work
  int queue = 64;      // jobs that may wait for a worker before 503
  int io_threads = 2;  // Asio threads
  int read_timeout_seconds = 30;
  // How long anonymous public reads (search, Entdecken, places, open data) may be answered
  // from memory; 0: never. A write on this server drops the cached answers at once.
  int http_cache_seconds = 2;
  int shutdown_grace_seconds = 30;
  std::string database = "sqlite:./var/helferkarte.db";
  int database_readers = 4;
  std::string mail_transport = "log";
  std::string mail_dir = "./var/mail";
  std::string mail_from = "Helferkarte <noreply@helferkarte.invalid>";
  std::string smtp_host;  // required when mail_transport is smtp
  int smtp_port = 587;
  std::string smtp_security = "starttls";  // starttls | tls | none
  std::string smtp_username;               // empty: no SMTP AUTH
  std::string smtp_password;
  std::string log_format = "auto";  // auto | json | text
  std::string log_level = "info";
  // How often `serve` runs the background jobs (reminders, repetitions, ...); 0: never, for
  // tests that drive the jobs with `helferkarte jobs run --at`.
  int jobs_interval_seconds = 60;
  // Days after a hotline request is closed until its caller's data is erased.
  int hotline_retention_days = 30;
  // Retention (DSGVO: kept no longer than needed): accounts never verified are deleted this
  // many days after registration; account tokens this long after they were used or expired;
  // sessions this long after they expired; sent or failed mails this long after they were
  // written.
  int retention_unverified_account_days = 7;
  int retention_token_days = 7;
  int retention_session_days = 30;
  int retention_mail_body_days = 30;
  std::string map_tile_url;  // empty: no external tiles
  std::string map_attribution;
  // Rate limits of the account endpoints, per client address (IP) and per e-mail address:
  // failed logins per 15 minutes; password-reset and verification mails, and registrations,
  // per hour.
  int login_failures_per_account = 5;
  int login_failures_per_ip = 30;
  int mail_requests_per_account = 3;
  int mail_requests_per_ip = 10;
  int registrations_per_ip = 10;

  std::string effective_base_url() const;
};

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Settings by their TOML key ("server.listen"); the same names, upper-cased with dots
// turned into underscores after HELFERKARTE_, are the environment variables — except the
// short forms listed in env_name().
using Settings = std::map<std::string, std::string>;
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Precedence: defaults < TOML file < HELFERKARTE_* environment < command-line flags.
Config load_config(const std::optional<std::string>& file, const EnvLookup& env,
                   const Settings& flags);

// The environment variable for a setting, e.g. "server.listen" -> "HELFERKARTE_LISTEN".
std::string env_name(const std::string& key);

EnvLookup process_environment();

}  // namespace hk::app
