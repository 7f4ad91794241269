#pragma once

#include <cstddef>
#include <string>

namespace hk::util {

enum class LogFormat { text, json };

// Sets up spdlog: JSON lines (production) or readable lines (a terminal), on stderr.
void setup_logging(LogFormat format, const std::string& level);
LogFormat log_format_from(const std::string& name, bool stderr_is_terminal);

// One line per request.
void log_access(const std::string& request_id, const std::string& method, const std::string& path,
                const std::string& route, int status, double seconds, std::size_t bytes);

}  // namespace hk::util
