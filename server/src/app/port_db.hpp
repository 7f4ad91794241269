#pragma once

#include <ostream>
#include <string>

namespace hk::app {

// `helferkarte port-db --from URL --to URL`: copies the installation at `from` into the empty
// database at `to` (storage/port.hpp) and prints the rows per table. 0 on success, 1 with the
// reason on `err` when it refused or failed (the target is then left as it was).
int port_db(const std::string& from, const std::string& to, std::ostream& out, std::ostream& err);

}  // namespace hk::app
