#pragma once

namespace hk::app {

// The `helferkarte` command line: serve, migrate, demo, backup, restore, port-db, jobs, admin,
// version, routes.
int run_cli(int argc, char** argv);

}  // namespace hk::app
