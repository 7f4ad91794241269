#pragma once

#include <cstdint>
#include <functional>

#include "app/config.hpp"
#include "auth/rate_limiter.hpp"
#include "http/metrics.hpp"
#include "storage/database.hpp"

namespace hk::api {

// What handlers may use. Built once by `serve`; tests build their own.
struct Services {
  storage::Database& db;
  const app::Config& config;
  http::Metrics& metrics;
  std::function<std::int64_t()> now;  // seconds since the epoch; a test may drive it
  auth::RateLimiter& limiter;         // shared by the account endpoints
};

}  // namespace hk::api
