#include "mail/transport.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>

#include "app/config.hpp"

namespace hk::mail {

namespace {

std::string utc_stamp(std::int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

struct Upload {
  const std::string& data;
  std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  auto n = std::min(size * count, upload->data.size() - upload->pos);
  std::memcpy(buffer, upload->data.data() + upload->pos, n);
  upload->pos += n;
  return n;
}

}  // namespace

LogTransport::LogTransport(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
}

void LogTransport::send(const Envelope& envelope, const std::string& message) {
  auto name = fmt::format("{}-{:010}.eml", utc_stamp(envelope.date), envelope.outbox_id);
  // Written under a hidden name and renamed, so a reader of the folder never sees half a
  // mail.
  auto tmp = dir_ / ("." + name + ".tmp");
  {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(message.data(), static_cast<std::streamsize>(message.size()));
    out.close();
    if (!out) throw SendError(fmt::format("cannot write {}", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, dir_ / name, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw SendError(fmt::format("cannot rename {} into place: {}", tmp.string(), ec.message()));
  }
  spdlog::info("mail {} ({}) to {} written to {}", envelope.outbox_id, envelope.template_id,
               envelope.to, (dir_ / name).string());
}

SmtpTransport::SmtpTransport(SmtpOptions options) : options_(std::move(options)) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  auto host =
      options_.host.find(':') != std::string::npos ? "[" + options_.host + "]" : options_.host;
  url_ =
      fmt::format("{}://{}:{}", options_.security == "tls" ? "smtps" : "smtp", host, options_.port);
}

void SmtpTransport::send(const Envelope& envelope, const std::string& message) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw SendError("curl_easy_init failed");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, ("<" + envelope.to + ">").c_str()), curl_slist_free_all);
  auto from = "<" + envelope.from + ">";
  Upload upload{message};
  char error[CURL_ERROR_SIZE] = {0};

  auto* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, options_.timeout_seconds);
  if (options_.security == "starttls") curl_easy_setopt(h, CURLOPT_USE_SSL, CURLUSESSL_ALL);
  if (!options_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));

  auto rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    auto detail = error[0] ? std::string(error) : std::string(curl_easy_strerror(rc));
    throw SendError(code ? fmt::format("smtp {}: {} (reply {})", url_, detail, code)
                         : fmt::format("smtp {}: {}", url_, detail));
  }
  spdlog::info("mail {} ({}) to {} sent via {}", envelope.outbox_id, envelope.template_id,
               envelope.to, url_);
}

std::unique_ptr<Transport> make_transport(const app::Config& config) {
  if (config.mail_transport == "smtp") {
    if (config.smtp_host.empty()) {
      throw app::ConfigError(
          "mail.transport is smtp but mail.smtp_host (HELFERKARTE_SMTP_HOST) is not set");
    }
    SmtpOptions options;
    options.host = config.smtp_host;
    options.port = config.smtp_port;
    options.security = config.smtp_security;
    options.username = config.smtp_username;
    options.password = config.smtp_password;
    return std::make_unique<SmtpTransport>(std::move(options));
  }
  return std::make_unique<LogTransport>(config.mail_dir);
}

}  // namespace hk::mail
