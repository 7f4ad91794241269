#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace hk::mail {

// A file sent with a mail (the .ics of an engagement).
struct Attachment {
  std::string filename;
  std::string content_type;  // "text/calendar; charset=utf-8; method=PUBLISH"
  std::string content;
};

// A mail to be sent: a template (see mail/templates.hpp) and its parameters. Links in the
// parameters are absolute.
struct Mail {
  std::string template_id;
  std::string to;  // normalised address
  std::optional<std::int64_t> user_id;
  std::string language;  // "de" | "en"
  std::map<std::string, std::string> params;
  std::optional<Attachment> attachment = std::nullopt;
  // Set on a mail that carries a hotline caller's contact: erased with the request's data.
  std::optional<std::int64_t> help_request_id = std::nullopt;
};

// Renders the mail and writes it to the outbox inside the caller's transaction, so that it
// goes out exactly when the event that caused it is committed.
void enqueue(storage::Connection& c, const Mail& mail, std::int64_t now);

}  // namespace hk::mail
