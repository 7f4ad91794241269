#include "api/need_calendar.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

#include "api/account_rules.hpp"
#include "api/json.hpp"
#include "api/need_access.hpp"
#include "mail/message.hpp"

namespace hk::api {

namespace {

// UIDs must be unique across the world; the site's host name makes them so.
std::string uid_host(const Services& services) {
  auto base = services.config.effective_base_url();
  auto parsed = boost::urls::parse_uri(base);
  if (parsed && !parsed->encoded_host().empty()) return std::string(parsed->encoded_host());
  return "helferkarte.invalid";
}

std::optional<std::string> place_text(const domain::Need& need) {
  if (need.remote || !need.location) return std::string("telefonisch / online");
  const auto& l = *need.location;
  std::string text = l.address.value_or("");
  if (l.place_name && !l.place_name->empty() && text.find(*l.place_name) == std::string::npos) {
    text += text.empty() ? *l.place_name : ", " + *l.place_name;
  }
  if (text.empty()) return std::nullopt;
  return text;
}

std::string contact_line(const domain::NeedContact& contact) {
  std::string line;
  for (const auto& part : {contact.name, contact.phone, contact.email}) {
    if (!part || part->empty()) continue;
    if (!line.empty()) line += ", ";
    line += *part;
  }
  return line;
}

}  // namespace

calendar::Event shift_event(const Services& services, const domain::Need& need,
                            const domain::Shift& shift) {
  calendar::Event e;
  e.uid = "shift-" + format_id(shift.id) + "@" + uid_host(services);
  e.starts_at = shift.starts_at;
  e.ends_at = shift.ends_at;
  e.summary = need.title;
  e.url = web_link(services, need_path(need.id));
  e.description = need.organization_name + "\n\n" + need.description;
  if (auto contact = contact_line(need.contact); !contact.empty()) {
    e.description += "\n\nKontakt / Contact: " + contact;
  }
  e.description += "\n\n" + e.url;
  e.location = place_text(need);
  if (!need.remote && need.location) e.geo = need.location->point;
  e.organizer_name = need.organization_name;
  if (need.contact.email && !need.contact.email->empty()) {
    e.organizer_email = *need.contact.email;
  } else if (!need.organization_contact_email.empty()) {
    e.organizer_email = need.organization_contact_email;
  } else {
    e.organizer_email = mail::parse_address(services.config.mail_from).address;
  }
  e.cancelled = need.status == "cancelled";
  // SEQUENCE is a 32-bit number; counted from late 2023 the seconds of updated_at fit for
  // decades and still grow with every change.
  e.sequence = std::max<std::int64_t>(0, need.updated_at - 1'700'000'000);
  return e;
}

std::string engagement_calendar(const Services& services, const domain::Need& need,
                                const domain::Shift& shift) {
  return calendar::build_calendar({shift_event(services, need, shift)}, need.title, services.now());
}

}  // namespace hk::api
