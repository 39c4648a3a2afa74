# Every dependency is a Debian 12 package (installer/dev.sh installs them); nothing is downloaded.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo-pdf)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(ZXING REQUIRED IMPORTED_TARGET zxing)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)  # tests/sim only
pkg_check_modules(V4L2 REQUIRED IMPORTED_TARGET libv4l2)
find_package(Cups REQUIRED)  # CMake's own module (Debian ships no cups.pc); target Cups::Cups
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)  # tests/sim only: the payOS stand-in signs with its own HMAC
if(KIOSK_TESTS)
  find_package(Catch2 2.13 REQUIRED)
endif()
