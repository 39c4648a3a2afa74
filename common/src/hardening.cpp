#include "common/hardening.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

std::string forbid_core_dumps() {
  std::string problems;
  const rlimit none{0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0) problems += std::string("RLIMIT_CORE: ") + std::strerror(errno) + "; ";
  // Not dumpable: no core file whatever the limit, and ptrace / /proc/<pid>/mem closed to others.
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) problems += std::string("PR_SET_DUMPABLE: ") + std::strerror(errno);
  return problems;
}

}  // namespace kiosk

#include <langinfo.h>

#include <clocale>

namespace kiosk {

bool use_utf8_locale() {
  auto utf8 = [] {
    const char* cs = nl_langinfo(CODESET);
    return cs && (std::strcmp(cs, "UTF-8") == 0 || std::strcmp(cs, "utf8") == 0);
  };
  // Only the character type: numbers and dates keep the C locale's formats (JSON, logs).
  if (std::setlocale(LC_CTYPE, "") && utf8()) return true;
  return std::setlocale(LC_CTYPE, "C.UTF-8") && utf8();
}

}  // namespace kiosk
