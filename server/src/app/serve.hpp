#pragma once

#include "app/config.hpp"

namespace hk::app {

// Runs the server until SIGTERM/SIGINT; returns the process exit code.
int serve(const Config& config);

// Every route, as "METHOD PATH" lines in registration order.
void print_routes();

}  // namespace hk::app
