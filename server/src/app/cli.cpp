#include "app/cli.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/config.hpp"
#include "app/port_db.hpp"
#include "app/serve.hpp"
#include "auth/password.hpp"
#include "demo/demo_data.hpp"
#include "domain/account.hpp"
#include "domain/berlin_time.hpp"
#include "jobs/housekeeping.hpp"
#include "storage/accounts.hpp"
#include "storage/migrations.hpp"
#include "storage/restore.hpp"
#include "util/clock.hpp"
#include "util/log.hpp"

namespace hk::app {

namespace {

std::unique_ptr<storage::Database> open(const Config& config) {
  storage::DatabaseOptions options;
  options.readers = config.database_readers;
  return storage::open_database(config.database, options);
}

void print_logins() {
  std::cout << "Demo-Zugänge (E-Mail / Passwort):\n";
  for (const auto& l : demo::demo_logins()) {
    std::cout << "  " << l.role << ": " << l.email << " / " << l.password << "\n";
  }
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"Helferkarte: volunteering coordinated by a municipality", "helferkarte"};
  cli.require_subcommand(1);
  cli.fallthrough();

  std::optional<std::string> config_file;
  Settings flags;
  auto flag = [&flags](CLI::App* app, const std::string& name, const std::string& key,
                       const std::string& help) {
    app->add_option_function<std::string>(
        name, [&flags, key](const std::string& v) { flags[key] = v; }, help);
  };
  cli.add_option("--config", config_file, "TOML configuration file");
  flag(&cli, "--database", "database.url", "sqlite:PATH or postgres://...");

  auto serve_cmd = cli.add_subcommand("serve", "Run the web server");
  flag(serve_cmd, "--listen", "server.listen", "HOST:PORT (port 0 picks a free one)");
  flag(serve_cmd, "--web-dir", "server.web_dir", "Folder of the built web app");
  flag(serve_cmd, "--base-url", "server.base_url", "Public URL, for links in mails");
  flag(serve_cmd, "--mail-transport", "mail.transport", "log or smtp");
  flag(serve_cmd, "--mail-dir", "mail.dir", "Folder for mails of the log transport");
  flag(serve_cmd, "--max-body-bytes", "server.max_body_bytes", "Largest request body");

  auto migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");
  auto demo_cmd = cli.add_subcommand("demo", "Load the demo data (once)");
  std::string backup_file;
  auto backup_cmd = cli.add_subcommand("backup", "Write a consistent copy of the database");
  backup_cmd->add_option("file", backup_file, "Target file")->required();
  std::string restore_file;
  auto restore_cmd = cli.add_subcommand(
      "restore", "Restore a backup into a new, empty database (given with --database)");
  restore_cmd->add_option("file", restore_file, "A file written by backup")->required();
  std::string port_from, port_to;
  auto port_cmd = cli.add_subcommand(
      "port-db",
      "Copy a whole installation into a new, empty database (e.g. SQLite to PostgreSQL); the "
      "source must be migrated to this version first and is only read");
  port_cmd->add_option("--from", port_from, "Source database: sqlite:PATH or postgres://...")
      ->required();
  port_cmd
      ->add_option("--to", port_to,
                   "Target database, empty: migrated here, filled in one transaction")
      ->required();
  auto version_cmd = cli.add_subcommand("version", "Print the version");
  auto routes_cmd = cli.add_subcommand("routes", "Print every API route");

  auto jobs_cmd = cli.add_subcommand("jobs", "Background work");
  jobs_cmd->require_subcommand(1);
  auto jobs_run = jobs_cmd->add_subcommand(
      "run", "One pass of reminders, repetitions, expiry warnings, completion and erasure");
  std::string jobs_at;
  jobs_run->add_option("--at", jobs_at, "The time of the pass (RFC 3339), default now");
  flag(jobs_run, "--base-url", "server.base_url", "Public URL, for links in mails");

  auto admin_cmd = cli.add_subcommand("admin", "Manage platform administrators");
  admin_cmd->require_subcommand(1);
  auto admin_create = admin_cmd->add_subcommand("create", "Create a verified platform admin");
  std::string admin_email, admin_password, admin_name = "Administrator";
  admin_create->add_option("--email", admin_email, "E-mail address")->required();
  admin_create->add_option("--password", admin_password, "Password (at least 10 characters)")
      ->required();
  admin_create->add_option("--name", admin_name, "Display name");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (version_cmd->parsed()) {
    std::cout << "helferkarte " << HELFERKARTE_VERSION << "\n";
    return 0;
  }
  if (routes_cmd->parsed()) {
    print_routes();
    return 0;
  }

  Config config;
  auto env = process_environment();
  if (!config_file) config_file = env("HELFERKARTE_CONFIG");
  try {
    config = load_config(config_file, env, flags);
  } catch (const ConfigError& e) {
    std::cerr << "configuration error: " << e.what() << "\n";
    return 2;
  }
  util::setup_logging(util::log_format_from(config.log_format, isatty(STDERR_FILENO) != 0),
                      config.log_level);

  try {
    if (serve_cmd->parsed()) return serve(config);
    if (port_cmd->parsed()) return port_db(port_from, port_to, std::cout, std::cerr);

    if (restore_cmd->parsed()) {
      storage::restore_database(config.database, restore_file);
      auto db = open(config);
      std::cout << "restored " << restore_file << ": schema at version "
                << storage::applied_schema_version(*db) << "\n";
      return 0;
    }
    auto db = open(config);
    if (migrate_cmd->parsed()) {
      int applied = storage::migrate(*db);
      auto state = storage::schema_state(*db);
      std::cout << "schema at version " << state.current << " (" << applied << " applied)\n"
                << "compat version " << state.compat
                << " (binaries of an older schema must not run on it)\n";
      if (state.newer_but_compatible()) {
        std::cout << "the database is newer than this binary (schema " << state.latest
                  << ") and compatible with it: nothing to do\n";
      }
      return 0;
    }
    if (demo_cmd->parsed()) {
      storage::migrate(*db);
      bool loaded = demo::load_demo_data(*db, util::now_seconds());
      std::cout << (loaded ? "Demo-Daten geladen: Stadt Gütersloh.\n"
                           : "Demo-Daten sind bereits vorhanden.\n");
      print_logins();
      return 0;
    }
    if (backup_cmd->parsed()) {
      db->backup(backup_file);
      std::cout << "backup written to " << backup_file << "\n";
      return 0;
    }
    if (jobs_run->parsed()) {
      auto now = util::now_seconds();
      if (!jobs_at.empty()) {
        auto at = domain::parse_rfc3339(jobs_at);
        if (!at) {
          std::cerr << "error: '" << jobs_at << "' is not an RFC 3339 time\n";
          return 2;
        }
        now = *at;
      }
      storage::migrate(*db);
      auto counts = jobs::run_housekeeping(*db, config, now);
      std::cout << "repetitions: " << counts.repetitions << "\n"
                << "reminders: " << counts.reminders << "\n"
                << "expiry warnings: " << counts.expiry_warnings << "\n"
                << "completed: " << counts.completed << "\n"
                << "erased: " << counts.erased << "\n"
                << "retention deleted: " << counts.retention_deleted << "\n";
      for (const auto& e : counts.errors) std::cerr << "error: " << e << "\n";
      return counts.errors.empty() ? 0 : 1;
    }
    if (admin_create->parsed()) {
      auto email = domain::normalize_email(admin_email);
      if (!domain::plausible_email(email)) {
        std::cerr << "error: '" << admin_email << "' is not an e-mail address\n";
        return 2;
      }
      if (admin_password.size() < 10) {
        std::cerr << "error: the password needs at least 10 characters\n";
        return 2;
      }
      storage::migrate(*db);
      auto hash = auth::hash_password(admin_password);
      auto now = util::now_seconds();
      db->write([&](storage::Connection& c) {
        auto id = storage::upsert_verified_user(c, email, hash, admin_name, now);
        storage::grant_role(c, id, {"platform_admin", std::nullopt, std::nullopt}, now);
      });
      std::cout << "platform admin " << email << " is ready\n";
      return 0;
    }
  } catch (const storage::SchemaTooNewError& e) {
    // Its own exit code, so that a service manager can tell it from a passing failure and
    // stop restarting (RestartPreventExitStatus=3).
    spdlog::error("{}", e.what());
    return 3;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 0;
}

}  // namespace hk::app
