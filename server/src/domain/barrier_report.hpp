#pragma once

#include <optional>
#include <string>

namespace hk::domain {

// A "Barriere melden" report: which page, what is wrong, and how to answer if the reporter
// wants an answer.
struct BarrierReport {
  std::string page;
  std::string description;
  std::optional<std::string> email;
  std::optional<std::string> name;
};

// The line of the mail that says who reported it, in "de" or "en": the coordinators may only
// answer when an address was given.
std::string barrier_reporter_line(const BarrierReport& report, const std::string& language);

// How the audit log names a report: the page alone, on one line and at most 200 characters,
// so that neither the reporter's address nor a long text lands in the log.
std::string barrier_audit_label(const std::string& page);

// True when the text has no line break or other control character (page and name are one
// line each; the description may have several).
bool is_single_line(const std::string& text);

}  // namespace hk::domain
