// tthc-kiosk: for now the smallest real program over the catalog (the touch UI is issue #4).
// It opens the installed pack's catalog and reports what a citizen would be able to find.
#include <iostream>
#include <string>

#include "content/catalog.hpp"
#include "content/store.hpp"

int main(int argc, char** argv) {
  std::string store = "/var/lib/tthc-kiosk/content";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--store" && i + 1 < argc) store = argv[++i];
  }
  try {
    kiosk::content::ContentStore s(store);
    kiosk::content::Catalog catalog(s.current_catalog());
    auto st = catalog.stats();
    std::cout << catalog.center().value("name", "") << ": " << st.procedures << " thủ tục\n";
    for (const auto& p : catalog.most_popular(5)) std::cout << "  " << p.code << "  " << p.name << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "tthc-kiosk: " << e.what() << '\n';
    return 1;
  }
}
