#pragma once

namespace hk::util {

// Marks an exception whose cause passes by itself (the database restarting or failing over,
// a lock held too long): the client is asked to try again (503, Retry-After) instead of being
// told of an internal error. A tag, so that storage errors keep their own base class.
class TemporarilyUnavailable {
 public:
  virtual ~TemporarilyUnavailable() = default;
};

}  // namespace hk::util
