#pragma once

#include <chrono>
#include <cstdint>

namespace hk::util {

// Seconds since the Unix epoch, the unit of every stored time.
inline std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace hk::util
