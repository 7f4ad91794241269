#include "app/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <vector>

namespace hk::app {

namespace {

int parse_int(const std::string& key, const std::string& v, int min, int max) {
  int out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc{} || p != v.data() + v.size() || out < min || out > max) {
    throw ConfigError(
        fmt::format("{}: '{}' is not a whole number from {} to {}", key, v, min, max));
  }
  return out;
}

std::string one_of(const std::string& key, const std::string& v,
                   std::initializer_list<const char*> allowed) {
  for (auto a : allowed) {
    if (v == a) return v;
  }
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw ConfigError(fmt::format("{}: '{}' is not one of {}", key, v, list));
}

struct Setting {
  const char* key;
  const char* env;  // short environment name, or nullptr for the derived one
  std::function<void(Config&, const std::string&)> set;
};

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = {
      {"server.listen", "HELFERKARTE_LISTEN",
       [](Config& c, const std::string& v) {
         if (v.rfind(':') == std::string::npos)
           throw ConfigError("server.listen: '" + v + "' is not HOST:PORT");
         parse_int("server.listen port", v.substr(v.rfind(':') + 1), 0, 65535);
         c.listen = v;
       }},
      {"server.trusted_proxies", "HELFERKARTE_TRUSTED_PROXIES",
       [](Config& c, const std::string& v) {
         c.trusted_proxies.clear();
         std::size_t start = 0;
         while (start <= v.size()) {
           auto end = std::min(v.find(',', start), v.size());
           auto item = v.substr(start, end - start);
           item.erase(0, item.find_first_not_of(' '));
           item.erase(item.find_last_not_of(' ') + 1);
           if (!item.empty()) c.trusted_proxies.push_back(item);
           start = end + 1;
         }
       }},
      {"server.web_dir", "HELFERKARTE_WEB_DIR",
       [](Config& c, const std::string& v) { c.web_dir = v; }},
      {"server.base_url", "HELFERKARTE_BASE_URL",
       [](Config& c, const std::string& v) {
         if (!v.starts_with("http://") && !v.starts_with("https://"))
           throw ConfigError("server.base_url: '" + v + "' must start with http:// or https://");
         c.base_url = v;
         while (c.base_url.ends_with('/')) c.base_url.pop_back();
       }},
      {"server.max_body_bytes", "HELFERKARTE_MAX_BODY_BYTES",
       [](Config& c, const std::string& v) {
         c.max_body_bytes = parse_int("server.max_body_bytes", v, 1024, 1 << 30);
       }},
      {"server.workers", "HELFERKARTE_WORKERS",
       [](Config& c, const std::string& v) { c.workers = parse_int("server.workers", v, 1, 256); }},
      {"server.queue", "HELFERKARTE_QUEUE",
       [](Config& c, const std::string& v) { c.queue = parse_int("server.queue", v, 0, 100000); }},
      {"server.io_threads", "HELFERKARTE_IO_THREADS",
       [](Config& c, const std::string& v) {
         c.io_threads = parse_int("server.io_threads", v, 1, 64);
       }},
      {"server.read_timeout_seconds", "HELFERKARTE_READ_TIMEOUT",
       [](Config& c, const std::string& v) {
         c.read_timeout_seconds = parse_int("server.read_timeout_seconds", v, 1, 3600);
       }},
      {"server.shutdown_grace_seconds", "HELFERKARTE_SHUTDOWN_GRACE",
       [](Config& c, const std::string& v) {
         c.shutdown_grace_seconds = parse_int("server.shutdown_grace_seconds", v, 0, 3600);
       }},
      {"http.cache_seconds", "HELFERKARTE_HTTP_CACHE_SECONDS",
       [](Config& c, const std::string& v) {
         c.http_cache_seconds = parse_int("http.cache_seconds", v, 0, 300);
       }},
      {"database.url", "HELFERKARTE_DATABASE",
       [](Config& c, const std::string& v) { c.database = v; }},
      {"database.readers", "HELFERKARTE_DATABASE_READERS",
       [](Config& c, const std::string& v) {
         c.database_readers = parse_int("database.readers", v, 1, 64);
       }},
      {"jobs.interval_seconds", "HELFERKARTE_JOBS_INTERVAL_SECONDS",
       [](Config& c, const std::string& v) {
         c.jobs_interval_seconds = parse_int("jobs.interval_seconds", v, 0, 86400);
       }},
      {"hotline.retention_days", "HELFERKARTE_HOTLINE_RETENTION_DAYS",
       [](Config& c, const std::string& v) {
         c.hotline_retention_days = parse_int("hotline.retention_days", v, 0, 3650);
       }},
      {"retention.unverified_account_days", "HELFERKARTE_RETENTION_UNVERIFIED_ACCOUNT_DAYS",
       [](Config& c, const std::string& v) {
         c.retention_unverified_account_days =
             parse_int("retention.unverified_account_days", v, 1, 3650);
       }},
      {"retention.token_days", "HELFERKARTE_RETENTION_TOKEN_DAYS",
       [](Config& c, const std::string& v) {
         c.retention_token_days = parse_int("retention.token_days", v, 1, 3650);
       }},
      {"retention.session_days", "HELFERKARTE_RETENTION_SESSION_DAYS",
       [](Config& c, const std::string& v) {
         c.retention_session_days = parse_int("retention.session_days", v, 1, 3650);
       }},
      {"retention.mail_body_days", "HELFERKARTE_RETENTION_MAIL_BODY_DAYS",
       [](Config& c, const std::string& v) {
         c.retention_mail_body_days = parse_int("retention.mail_body_days", v, 1, 3650);
       }},
      {"mail.transport", "HELFERKARTE_MAIL_TRANSPORT",
       [](Config& c, const std::string& v) {
         c.mail_transport = one_of("mail.transport", v, {"log", "smtp"});
       }},
      {"mail.dir", "HELFERKARTE_MAIL_DIR", [](Config& c, const std::string& v) { c.mail_dir = v; }},
      {"mail.from", "HELFERKARTE_MAIL_FROM",
       [](Config& c, const std::string& v) { c.mail_from = v; }},
      {"mail.smtp_host", "HELFERKARTE_SMTP_HOST",
       [](Config& c, const std::string& v) { c.smtp_host = v; }},
      {"mail.smtp_port", "HELFERKARTE_SMTP_PORT",
       [](Config& c, const std::string& v) {
         c.smtp_port = parse_int("mail.smtp_port", v, 1, 65535);
       }},
      {"mail.smtp_security", "HELFERKARTE_SMTP_SECURITY",
       [](Config& c, const std::string& v) {
         c.smtp_security = one_of("mail.smtp_security", v, {"starttls", "tls", "none"});
       }},
      {"mail.smtp_username", "HELFERKARTE_SMTP_USERNAME",
       [](Config& c, const std::string& v) { c.smtp_username = v; }},
      {"mail.smtp_password", "HELFERKARTE_SMTP_PASSWORD",
       [](Config& c, const std::string& v) { c.smtp_password = v; }},
      {"log.format", "HELFERKARTE_LOG_FORMAT",
       [](Config& c, const std::string& v) {
         c.log_format = one_of("log.format", v, {"auto", "json", "text"});
       }},
      {"log.level", "HELFERKARTE_LOG_LEVEL",
       [](Config& c, const std::string& v) {
         c.log_level = one_of("log.level", v, {"trace", "debug", "info", "warn", "error", "off"});
       }},
      {"map.tile_url", "HELFERKARTE_MAP_TILE_URL",
       [](Config& c, const std::string& v) {
         if (!v.empty() && !v.starts_with("https://") && !v.starts_with("http://"))
           throw ConfigError("map.tile_url: '" + v + "' must be an http(s) URL template");
         c.map_tile_url = v;
       }},
      {"map.attribution", "HELFERKARTE_MAP_ATTRIBUTION",
       [](Config& c, const std::string& v) { c.map_attribution = v; }},
      {"auth.login_failures_per_account", "HELFERKARTE_AUTH_LOGIN_FAILURES_PER_ACCOUNT",
       [](Config& c, const std::string& v) {
         c.login_failures_per_account = parse_int("auth.login_failures_per_account", v, 1, 1000000);
       }},
      {"auth.login_failures_per_ip", "HELFERKARTE_AUTH_LOGIN_FAILURES_PER_IP",
       [](Config& c, const std::string& v) {
         c.login_failures_per_ip = parse_int("auth.login_failures_per_ip", v, 1, 1000000);
       }},
      {"auth.mail_requests_per_account", "HELFERKARTE_AUTH_MAIL_REQUESTS_PER_ACCOUNT",
       [](Config& c, const std::string& v) {
         c.mail_requests_per_account = parse_int("auth.mail_requests_per_account", v, 1, 1000000);
       }},
      {"auth.mail_requests_per_ip", "HELFERKARTE_AUTH_MAIL_REQUESTS_PER_IP",
       [](Config& c, const std::string& v) {
         c.mail_requests_per_ip = parse_int("auth.mail_requests_per_ip", v, 1, 1000000);
       }},
      {"auth.registrations_per_ip", "HELFERKARTE_AUTH_REGISTRATIONS_PER_IP",
       [](Config& c, const std::string& v) {
         c.registrations_per_ip = parse_int("auth.registrations_per_ip", v, 1, 1000000);
       }},
  };
  return all;
}

const Setting& find_setting(const std::string& key) {
  for (const auto& s : settings()) {
    if (key == s.key) return s;
  }
  throw ConfigError("unknown setting '" + key + "'");
}

std::optional<std::string> toml_as_string(const toml::node& node) {
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto b = node.as_boolean()) return b->get() ? "true" : "false";
  return std::nullopt;
}

void apply_file(Config& config, const std::string& file) {
  toml::table table;
  try {
    table = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw ConfigError(
        fmt::format("{}: {} (line {})", file, e.description(), e.source().begin.line));
  }
  for (const auto& [section, node] : table) {
    auto sub = node.as_table();
    if (!sub) throw ConfigError(fmt::format("{}: '{}' must be a [section]", file, section.str()));
    for (const auto& [name, value] : *sub) {
      auto key = std::string(section.str()) + "." + std::string(name.str());
      const auto& setting = find_setting(key);
      auto text = toml_as_string(value);
      if (!text) throw ConfigError(fmt::format("{}: {} has an unsupported type", file, key));
      setting.set(config, *text);
    }
  }
}

}  // namespace

std::string Config::effective_base_url() const {
  if (!base_url.empty()) return base_url;
  auto host = listen.substr(0, listen.rfind(':'));
  auto port = listen.substr(listen.rfind(':') + 1);
  if (host.empty() || host == "0.0.0.0" || host == "127.0.0.1" || host == "::") host = "localhost";
  return "http://" + host + ":" + port;
}

std::string env_name(const std::string& key) {
  const auto& s = find_setting(key);
  return s.env;
}

Config load_config(const std::optional<std::string>& file, const EnvLookup& env,
                   const Settings& flags) {
  Config config;
  if (file) apply_file(config, *file);
  for (const auto& s : settings()) {
    if (auto v = env(s.env)) {
      try {
        s.set(config, *v);
      } catch (const ConfigError& e) {
        throw ConfigError(std::string(s.env) + ": " + e.what());
      }
    }
  }
  for (const auto& [key, value] : flags) find_setting(key).set(config, value);
  return config;
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

}  // namespace hk::app
