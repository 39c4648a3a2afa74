#include "x_server.hpp"

#include <X11/Xlib.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace kiosk::test {

XServer::XServer() {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork");
  if (pid_ == 0) {
    // Xvfb picks a free display number and writes it to fd 3.
    dup2(fds[1], 3);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execlp("Xvfb", "Xvfb", "-displayfd", "3", "-screen", "0", "1366x768x24", "-nolisten", "tcp", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string number;
  char c;
  while (read(fds[0], &c, 1) == 1 && c != '\n') number += c;
  close(fds[0]);
  if (number.empty()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("Xvfb did not start");
  }
  name_ = ":" + number;
}

XServer::~XServer() {
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

int XServer::ask_windows_to_close() const {
  Display* d = XOpenDisplay(name_.c_str());
  if (!d) throw std::runtime_error("cannot open display " + name_);
  const Atom protocols = XInternAtom(d, "WM_PROTOCOLS", False), del = XInternAtom(d, "WM_DELETE_WINDOW", False);
  Window root_ret = 0, parent = 0;
  Window* children = nullptr;
  unsigned n = 0;
  XQueryTree(d, DefaultRootWindow(d), &root_ret, &parent, &children, &n);
  int asked = 0;
  for (unsigned i = 0; i < n; ++i) {
    Atom* list = nullptr;
    int count = 0;
    bool takes = false;
    if (XGetWMProtocols(d, children[i], &list, &count)) {
      for (int k = 0; k < count; ++k) takes = takes || list[k] == del;
      XFree(list);
    }
    if (!takes) continue;
    XEvent ev{};
    ev.xclient.type = ClientMessage;
    ev.xclient.window = children[i];
    ev.xclient.message_type = protocols;
    ev.xclient.format = 32;
    ev.xclient.data.l[0] = static_cast<long>(del);
    ev.xclient.data.l[1] = CurrentTime;
    XSendEvent(d, children[i], False, NoEventMask, &ev);
    ++asked;
  }
  if (children) XFree(children);
  XSync(d, False);
  XCloseDisplay(d);
  return asked;
}

}  // namespace kiosk::test
