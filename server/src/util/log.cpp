#include "util/log.hpp"

#include <fmt/chrono.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>

namespace hk::util {

namespace {

LogFormat current = LogFormat::text;
std::shared_ptr<spdlog::logger> access_logger;

// %j: the message as a JSON string, so every log line stays one valid JSON object.
class JsonMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    auto s = boost::json::serialize(
        boost::json::string(std::string_view(msg.payload.data(), msg.payload.size())));
    dest.append(s.data(), s.data() + s.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

LogFormat log_format_from(const std::string& name, bool stderr_is_terminal) {
  if (name == "json") return LogFormat::json;
  if (name == "text") return LogFormat::text;
  return stderr_is_terminal ? LogFormat::text : LogFormat::json;
}

void setup_logging(LogFormat format, const std::string& level) {
  current = format;
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("helferkarte", sink);
  access_logger = std::make_shared<spdlog::logger>("access", sink);
  if (format == LogFormat::json) {
    auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    f->add_flag<JsonMessageFlag>('j').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%j})");
    logger->set_formatter(std::move(f));
    access_logger->set_pattern("%v");
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    access_logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  }
  auto lvl = spdlog::level::from_str(level);
  logger->set_level(lvl);
  access_logger->set_level(lvl);
  logger->flush_on(spdlog::level::trace);
  access_logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

void log_access(const std::string& request_id, const std::string& method, const std::string& path,
                const std::string& route, int status, double seconds, std::size_t bytes) {
  // Not set up (unit tests), or a level above info: build no line that is thrown away.
  if (!access_logger || !access_logger->should_log(spdlog::level::info)) return;
  double ms = seconds * 1000.0;
  if (current == LogFormat::json) {
    auto now = std::chrono::system_clock::now();
    boost::json::object o{{"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                                               std::chrono::floor<std::chrono::seconds>(now))},
                          {"level", "info"},
                          {"msg", "request"},
                          {"requestId", request_id},
                          {"method", method},
                          {"path", path},
                          {"route", route},
                          {"status", status},
                          {"durationMs", ms},
                          {"bytes", bytes}};
    access_logger->info("{}", boost::json::serialize(o));
  } else {
    access_logger->info("{} {} {} {:.1f} ms {} B [{}]", method, path, status, ms, bytes,
                        request_id);
  }
}

}  // namespace hk::util
