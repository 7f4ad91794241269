#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace hk::app {
struct Config;
}

namespace hk::mail {

// Who gets a message; the message itself carries the headers.
struct Envelope {
  std::int64_t outbox_id = 0;
  std::string template_id;
  std::string from;  // bare address
  std::string to;    // bare address
  std::int64_t date = 0;
};

class SendError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Hands one complete RFC 5322 message on; throws (SendError) when that failed, and the
  // outbox tries again later.
  virtual void send(const Envelope& envelope, const std::string& message) = 0;
};

// Development and tests: every mail becomes a file NAME.eml in `dir`, named by time and
// outbox id, so that `ls` shows them in order.
class LogTransport : public Transport {
 public:
  explicit LogTransport(std::filesystem::path dir);
  void send(const Envelope& envelope, const std::string& message) override;

 private:
  std::filesystem::path dir_;
};

struct SmtpOptions {
  std::string host;
  int port = 587;
  std::string security = "starttls";  // starttls | tls | none
  std::string username;               // empty: no AUTH
  std::string password;
  long connect_timeout_seconds = 10;
  // Below the outbox lease (60 s), so a slow server cannot make two workers send one mail.
  long timeout_seconds = 45;
};

class SmtpTransport : public Transport {
 public:
  explicit SmtpTransport(SmtpOptions options);
  void send(const Envelope& envelope, const std::string& message) override;

 private:
  SmtpOptions options_;
  std::string url_;
};

// The transport `mail.transport` names; app::ConfigError when its settings do not fit.
std::unique_ptr<Transport> make_transport(const app::Config& config);

}  // namespace hk::mail
