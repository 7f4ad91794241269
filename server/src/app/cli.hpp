#pragma once

namespace hk::app {

// The `helferkarte` command line: serve, migrate, demo, backup, version, routes, admin.
int run_cli(int argc, char** argv);

}  // namespace hk::app
