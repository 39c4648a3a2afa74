// libcurl for the whole process, set up so that its memory is overwritten when freed: answers
// from the one-stop backend (owners' names and id numbers) pass through its buffers. Create one
// in main(), before any thread uses libcurl; it cleans libcurl up when destroyed.
#pragma once

namespace kiosk::http {

class NetworkLibrary {
 public:
  NetworkLibrary();  // throws std::runtime_error when libcurl cannot start
  ~NetworkLibrary();
  NetworkLibrary(const NetworkLibrary&) = delete;
  NetworkLibrary& operator=(const NetworkLibrary&) = delete;
};

}  // namespace kiosk::http
