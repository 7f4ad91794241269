#include "storage/pg_dump.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/url/pct_string_view.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "storage/database.hpp"

extern char** environ;

namespace hk::storage {

namespace {

// A password in a URL is percent-encoded; one that is not valid encoding is taken as written.
std::string percent_decode(std::string_view s) {
  auto pct = boost::urls::make_pct_string_view(s);
  return pct ? pct->decode() : std::string(s);
}

struct Outcome {
  int status = -1;     // exit code; -1 when killed by a signal
  std::string output;  // standard error and output, cut at 64 KiB
};

// Runs `argv` without a shell, with PGPASSWORD set when a password is given, and collects
// what it prints.
Outcome run(const std::vector<std::string>& args, const std::optional<std::string>& password) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    if (password && std::strncmp(*e, "PGPASSWORD=", 11) == 0) continue;
    env_strings.emplace_back(*e);
  }
  if (password) env_strings.push_back("PGPASSWORD=" + *password);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    throw StorageError(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    throw StorageError(args[0] + " cannot be started (" + std::strerror(rc) +
                       "): install postgresql-client-15");
  }
  Outcome outcome;
  char buffer[4096];
  for (;;) {
    auto n = read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (outcome.output.size() < 65536) outcome.output.append(buffer, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw StorageError(std::string("waitpid: ") + std::strerror(errno));
  }
  outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  while (!outcome.output.empty() &&
         (outcome.output.back() == '\n' || outcome.output.back() == '\r')) {
    outcome.output.pop_back();
  }
  return outcome;
}

}  // namespace

UrlWithoutPassword split_password(const std::string& url) {
  UrlWithoutPassword out{url, std::nullopt};
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return out;
  auto authority_start = scheme_end + 3;
  auto authority_end = url.find_first_of("/?", authority_start);
  if (authority_end == std::string::npos) authority_end = url.size();
  // user:password@host — the last '@' ends the user part; a literal '@' in the password
  // must be written %40 anyway.
  auto at = url.rfind('@', authority_end - 1);
  if (at != std::string::npos && at >= authority_start) {
    auto colon = url.find(':', authority_start);
    if (colon != std::string::npos && colon < at) {
      out.password = percent_decode(std::string_view(url).substr(colon + 1, at - colon - 1));
      out.url = url.substr(0, colon) + url.substr(at);
    }
  }
  // ...?password=secret&sslmode=require
  auto query = out.url.find('?');
  if (query == std::string::npos) return out;
  std::string kept;
  std::size_t start = query + 1;
  while (start <= out.url.size()) {
    auto end = out.url.find('&', start);
    if (end == std::string::npos) end = out.url.size();
    auto param = std::string_view(out.url).substr(start, end - start);
    if (param.starts_with("password=")) {
      out.password = percent_decode(param.substr(9));
    } else if (!param.empty()) {
      if (!kept.empty()) kept += '&';
      kept += param;
    }
    start = end + 1;
  }
  out.url = out.url.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  return out;
}

void pg_dump(const std::string& url, const std::string& path) {
  auto target = split_password(url);
  auto tmp = path + ".partial";
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  // pg_dump reads in one REPEATABLE READ snapshot: consistent while the servers write on.
  auto outcome = run({"pg_dump", "--format=custom", "--file=" + tmp, "--dbname=" + target.url},
                     target.password);
  if (outcome.status != 0) {
    std::filesystem::remove(tmp, ec);
    throw StorageError("backup: pg_dump failed (exit " + std::to_string(outcome.status) +
                       "): " + outcome.output);
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw StorageError("backup: cannot rename " + tmp + " to " + path + ": " + ec.message());
  }
}

void pg_restore(const std::string& url, const std::string& path) {
  auto target = split_password(url);
  auto outcome = run({"pg_restore", "--no-owner", "--no-acl", "--single-transaction",
                      "--exit-on-error", "--dbname=" + target.url, path},
                     target.password);
  if (outcome.status != 0) {
    throw StorageError("restore: pg_restore failed (exit " + std::to_string(outcome.status) +
                       "): " + outcome.output);
  }
}

}  // namespace hk::storage
