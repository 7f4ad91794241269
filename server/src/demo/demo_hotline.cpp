#include "demo/demo_hotline.hpp"

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/berlin_time.hpp"
#include "domain/help_request.hpp"
#include "storage/audit.hpp"
#include "storage/help_requests.hpp"
#include "storage/needs.hpp"
#include "storage/signups.hpp"

namespace hk::demo {
namespace {

using storage::Connection;

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

// A Berlin wall-clock time `days` days from the Berlin date of `now`.
std::int64_t berlin_at(std::int64_t now, int days, int hour, int minute) {
  const domain::CivilDate d = domain::berlin_date_plus_days(now, days);
  return domain::berlin_local_to_utc(static_cast<int>(d.year), d.month, d.day, hour, minute);
}

std::int64_t user_id_by_email(Connection& c, const std::string& email) {
  return c.query("SELECT id FROM users WHERE email = $1", {email}).one().int64(0);
}

class Hotline {
 public:
  Hotline(Connection& c, std::int64_t now, std::int64_t municipality_id,
          std::int64_t coordinator_id)
      : c_(c), municipality_id_(municipality_id), coordinator_id_(coordinator_id) {
    hotline_id_ = storage::ensure_hotline_organization(c, municipality_id, now);
    coordinator_name_ =
        c.query("SELECT display_name FROM users WHERE id = $1", {coordinator_id}).one().text(0);
  }

  // Records the call as the coordinator did at `at`.
  domain::HelpRequest take_call(domain::HelpRequest r, std::int64_t at) {
    r.municipality_id = municipality_id_;
    r.created_by = coordinator_id_;
    if (r.point) {
      // Fixed draws keep the demo the same on every load.
      r.public_point = domain::rough_point(*r.point, 0.37 + 0.11 * ++calls_, 0.52);
    }
    r.id = storage::insert_help_request(c_, r, at);
    r.created_at = r.updated_at = at;
    note(r, "created", "", at);
    audit(r, "help_request.created", std::nullopt, at);
    return r;
  }

  // Publishes it as a need of the hotline organisation; `need_status` is "completed" for one
  // whose time is over.
  std::int64_t publish(domain::HelpRequest& r, std::int64_t at,
                       const std::string& need_status = "published") {
    auto need = domain::need_for_help_request(r, hotline_id_, municipality_id_);
    need.status = need_status;
    need.created_by = coordinator_id_;
    need.id = storage::insert_need(c_, need, at);
    r.status = "published";
    r.need_id = need.id;
    r.published_at = at;
    storage::update_help_request_state(c_, r, at);
    note(r, "published", "", at);
    audit(r, "help_request.published", std::nullopt, at);
    return need.id;
  }

  // A volunteer offers help: a requested sign-up for every shift of the need.
  void offer(const domain::HelpRequest& r, std::int64_t user_id, const char* message,
             std::int64_t at) {
    for (auto shift_id : shift_ids(r)) {
      domain::Signup s;
      s.shift_id = shift_id;
      s.user_id = user_id;
      s.status = "requested";
      if (message) s.message = message;
      storage::insert_signup(c_, s, at);
    }
  }

  // The coordinator picks the helper: their offers become confirmed places.
  void match(domain::HelpRequest& r, std::int64_t helper_id, const std::string& helper_name,
             std::int64_t at) {
    for (auto shift_id : shift_ids(r)) storage::confirm_place(c_, shift_id, helper_id, at);
    r.status = "matched";
    r.helper_id = helper_id;
    r.matched_at = at;
    storage::update_help_request_state(c_, r, at);
    note(r, "matched", helper_name, at);
    audit(r, "help_request.matched", std::nullopt, at);
  }

  void close(domain::HelpRequest& r, const std::string& outcome, const std::string& remark,
             std::int64_t at) {
    r.status = outcome;
    r.closed_at = at;
    storage::update_help_request_state(c_, r, at);
    note(r, outcome, remark, at);
    audit(r, "help_request.closed", outcome, at);
  }

  void note(const domain::HelpRequest& r, const std::string& kind, const std::string& body,
            std::int64_t at) {
    domain::HelpRequestNote n;
    n.help_request_id = r.id;
    n.kind = kind;
    n.body = body;
    n.author_id = coordinator_id_;
    n.author_name = coordinator_name_;
    n.created_at = at;
    storage::insert_help_request_note(c_, n);
  }

 private:
  std::vector<std::int64_t> shift_ids(const domain::HelpRequest& r) {
    std::vector<std::int64_t> ids;
    for (const auto& row :
         c_.query("SELECT id FROM shifts WHERE need_id = $1 ORDER BY starts_at", {*r.need_id})
             .rows) {
      ids.push_back(row.int64(0));
    }
    return ids;
  }

  void audit(const domain::HelpRequest& r, const std::string& action,
             std::optional<std::string> reason, std::int64_t at) {
    domain::AuditEntry e;
    e.at = at;
    e.municipality_id = municipality_id_;
    e.actor_id = coordinator_id_;
    e.actor_name = coordinator_name_;
    e.action = action;
    e.subject_type = "help_request";
    e.subject_id = r.id;
    e.subject_label = domain::help_request_label(r);
    e.reason = std::move(reason);
    storage::append_audit(c_, e);
  }

  Connection& c_;
  std::int64_t municipality_id_;
  std::int64_t coordinator_id_;
  std::int64_t hotline_id_ = 0;
  std::string coordinator_name_;
  int calls_ = 0;
};

domain::HelpRequestCaller caller(const char* name, const char* phone, const char* address) {
  domain::HelpRequestCaller out{name, phone, std::nullopt};
  if (address) out.address = address;
  return out;
}

}  // namespace

void load_hotline(Connection& c, std::int64_t now, std::int64_t municipality_id,
                  std::int64_t coordinator_id, std::int64_t volunteer_id) {
  Hotline hotline(c, now, municipality_id, coordinator_id);
  const std::string volunteer_name =
      c.query("SELECT display_name FROM users WHERE id = $1", {volunteer_id}).one().text(0);
  // Two of the fictional helpers of the demo engagements.
  const std::int64_t claudia = user_id_by_email(c, "helfer4@demo.helferkarte.example");
  const std::int64_t jonas = user_id_by_email(c, "helfer1@demo.helferkarte.example");

  // Done a few days ago: read aloud once, by one of the fictional helpers.
  {
    domain::HelpRequest r;
    r.category = "reading";
    r.area = "Isselhorst";
    r.summary =
        "Eine Seniorin mit schwachen Augen möchte sich die Post und die Zeitung vorlesen "
        "lassen, einmal für etwa eine Stunde.";
    r.details = "Bitte zweimal klingeln. Die Tochter ist meist dabei.";
    r.caller = caller("Erna Kleinebekel", "05241 704 118", "Haller Straße 212, 33334 Gütersloh");
    r.point = domain::GeoPoint{51.9489, 8.4093};
    r.starts_at = berlin_at(now, -6, 15, 0);
    r.ends_at = berlin_at(now, -6, 16, 0);
    auto taken = r.starts_at.value() - 4 * kDay - 2 * kHour;
    r = hotline.take_call(r, taken);
    hotline.publish(r, taken + 10 * kMinute, "completed");
    hotline.offer(r, claudia, "Ich lese gern vor und wohne in Isselhorst.", taken + 5 * kHour);
    hotline.match(r, claudia, "Claudia Brenner", taken + kDay);
    hotline.close(r, "done", "Hat gut geklappt; Frau K. meldet sich wieder, wenn Post kommt.",
                  now - 3 * kDay - 5 * kHour);
  }

  // Matched: weekly shopping, the demo volunteer keeps the place from week to week.
  {
    domain::HelpRequest r;
    r.category = "shopping";
    r.area = "Kattenstroth";
    r.summary =
        "Ein älterer Herr braucht jede Woche Hilfe beim Einkauf im Supermarkt um die "
        "Ecke. Die Einkaufsliste liegt bereit, bezahlt wird bar.";
    r.details = "Die Klingel ist defekt – bitte vor der Tür anrufen. Er geht am Rollator.";
    r.caller = caller("Wilhelm Pöppelbaum", "05241 237 905", "Marienfelder Straße 41");
    r.point = domain::GeoPoint{51.8999, 8.3978};
    r.starts_at = berlin_at(now, 2, 10, 0);
    r.ends_at = berlin_at(now, 2, 11, 30);
    r.recurrence = "weekly";
    auto taken = now - 5 * kDay - 3 * kHour;
    r = hotline.take_call(r, taken);
    hotline.publish(r, taken + 15 * kMinute);
    hotline.offer(r, volunteer_id, "Ich kaufe ohnehin donnerstags ein und nehme das gern mit.",
                  taken + 6 * kHour);
    hotline.offer(r, jonas, nullptr, taken + kDay);
    hotline.match(r, volunteer_id, volunteer_name, taken + 2 * kDay);
    hotline.note(r, "note",
                 "Herr P. hat sich sehr gefreut. Frau Hoffmann ruft ihn vor dem ersten Einkauf an.",
                 taken + 2 * kDay + 20 * kMinute);
  }

  // Published: a ride to the eye doctor, offers from the demo volunteer and one more.
  {
    domain::HelpRequest r;
    r.category = "transport";
    r.area = "Avenwedde";
    r.summary =
        "Fahrt zur Augenarztpraxis in der Innenstadt und zurück. Die Anruferin geht am "
        "Rollator; der Rollator muss in den Kofferraum passen.";
    r.details = "Termin um 10 Uhr, Praxis Dr. Sudbrock. Bitte 20 Minuten vorher abholen.";
    r.caller = caller("Gerda Wienströer", "05241 561 372", "Avenwedder Straße 301");
    r.point = domain::GeoPoint{51.9297, 8.4427};
    r.starts_at = berlin_at(now, 4, 9, 30);
    r.ends_at = berlin_at(now, 4, 11, 30);
    auto taken = now - kDay - 4 * kHour;
    r = hotline.take_call(r, taken);
    hotline.publish(r, taken + 5 * kMinute);
    hotline.offer(r, volunteer_id, "Ich habe einen Kombi und am Vormittag Zeit.",
                  taken + 3 * kHour);
    hotline.offer(r, claudia, nullptr, taken + 9 * kHour);
    hotline.note(r, "note", "Frau W. hat noch einmal angerufen: Der Termin steht fest.",
                 now - 2 * kHour);
  }

  // New: the call was just taken, the daily call is not published yet.
  {
    domain::HelpRequest r;
    r.category = "phone";
    r.area = "Spexard";
    r.summary =
        "Eine alleinlebende Dame, 84, wünscht sich jeden Nachmittag einen kurzen Anruf "
        "zum Plaudern.";
    r.details = "Hört schlecht – bitte laut und langsam sprechen. Lieber nach 15 Uhr.";
    r.caller = caller("Hildegard Brökelmann", "05241 998 210", nullptr);
    r.point = domain::GeoPoint{51.8829, 8.4221};
    r.starts_at = berlin_at(now, 1, 15, 30);
    r.ends_at = berlin_at(now, 1, 16, 0);
    r.recurrence = "daily";
    hotline.take_call(r, now - 20 * kMinute);
  }
}

}  // namespace hk::demo
