#include "calendar/ics.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace hk::calendar {

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

struct StringFree {
  void operator()(char* s) const { std::free(s); }
};

// libical escapes commas, semicolons, backslashes and line breaks, but passes other control
// characters through, which no calendar accepts. A CR of a CRLF goes; a lone CR is a break.
std::string clean_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto u = static_cast<unsigned char>(text[i]);
    if (u == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
    } else if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7f) {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

// Every text of a value goes through clean_text; libical copies it.
void add(icalcomponent* component, icalproperty* property) {
  if (property == nullptr) throw std::runtime_error("libical: cannot make a calendar property");
  icalcomponent_add_property(component, property);
}

icaltimetype utc(std::int64_t t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t), 0, icaltimezone_get_utc_timezone());
}

void add_event(icalcomponent* calendar, const Event& e, std::int64_t now) {
  icalcomponent* event = icalcomponent_new_vevent();
  if (event == nullptr) throw std::runtime_error("libical: cannot make an event");
  icalcomponent_add_component(calendar, event);  // the calendar owns it from here on

  add(event, icalproperty_new_uid(clean_text(e.uid).c_str()));
  add(event, icalproperty_new_dtstamp(utc(now)));
  add(event, icalproperty_new_dtstart(utc(e.starts_at)));
  add(event, icalproperty_new_dtend(utc(e.ends_at)));
  add(event, icalproperty_new_summary(clean_text(e.summary).c_str()));
  if (!e.description.empty()) {
    add(event, icalproperty_new_description(clean_text(e.description).c_str()));
  }
  if (e.location && !e.location->empty()) {
    add(event, icalproperty_new_location(clean_text(*e.location).c_str()));
  }
  if (e.geo) add(event, icalproperty_new_geo(icalgeotype{e.geo->lat, e.geo->lon}));
  if (!e.url.empty()) add(event, icalproperty_new_url(clean_text(e.url).c_str()));
  if (!e.organizer_email.empty()) {
    auto organizer =
        icalproperty_new_organizer(("mailto:" + clean_text(e.organizer_email)).c_str());
    if (organizer == nullptr) throw std::runtime_error("libical: cannot make the organizer");
    if (!e.organizer_name.empty()) {
      // libical quotes the name and writes quotes in it as ^' (RFC 6868).
      icalproperty_add_parameter(organizer,
                                 icalparameter_new_cn(clean_text(e.organizer_name).c_str()));
    }
    add(event, organizer);
  }
  add(event, icalproperty_new_status(e.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  add(event, icalproperty_new_sequence(static_cast<int>(e.sequence)));
}

}  // namespace

std::string build_calendar(const std::vector<Event>& events, const std::string& name,
                           std::int64_t now) {
  Component calendar(icalcomponent_new_vcalendar());
  if (!calendar) throw std::runtime_error("libical: cannot make a calendar");
  add(calendar.get(),
      icalproperty_new_prodid("-//Helferkarte//Helferkarte " HELFERKARTE_VERSION "//DE"));
  add(calendar.get(), icalproperty_new_version("2.0"));
  add(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  add(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  // Not in RFC 5545, but what Apple, Google and Outlook show as a subscribed calendar's name.
  auto calendar_name = icalproperty_new_x(clean_text(name).c_str());
  if (calendar_name == nullptr) throw std::runtime_error("libical: cannot name the calendar");
  icalproperty_set_x_name(calendar_name, "X-WR-CALNAME");
  add(calendar.get(), calendar_name);

  for (const auto& e : events) add_event(calendar.get(), e, now);

  std::unique_ptr<char, StringFree> text(icalcomponent_as_ical_string_r(calendar.get()));
  if (!text) throw std::runtime_error("libical: cannot write the calendar");
  return std::string(text.get());
}

}  // namespace hk::calendar
