// Test support: an X server of its own (Xvfb on a free display number) for the length of a test,
// and what a window manager or compositor would send the windows on it. Xlib stays in the .cpp:
// its macros (None, Always) break Catch.
#pragma once
#include <sys/types.h>

#include <string>

namespace kiosk::test {

class XServer {
 public:
  XServer();  // throws when Xvfb cannot start
  ~XServer();
  XServer(const XServer&) = delete;
  XServer& operator=(const XServer&) = delete;
  const std::string& name() const { return name_; }  // ":N", for DISPLAY

  // The close request a window manager sends: WM_DELETE_WINDOW to every top-level window that
  // takes it. Returns how many were asked.
  int ask_windows_to_close() const;

 private:
  pid_t pid_ = -1;
  std::string name_;
};

}  // namespace kiosk::test
