#include "common/network.hpp"

#include <curl/curl.h>
#include <malloc.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "common/secret.hpp"

namespace kiosk::http {

namespace {

void* wiping_malloc(size_t n) { return std::malloc(n); }

void wiping_free(void* p) {
  if (!p) return;
  wipe_bytes(p, malloc_usable_size(p));
  std::free(p);
}

// Never the C library's realloc: it may move the block and free the old one unwiped.
void* wiping_realloc(void* p, size_t n) {
  if (!p) return std::malloc(n);
  if (n == 0) {
    wiping_free(p);
    return nullptr;
  }
  const size_t old = malloc_usable_size(p);
  void* q = std::malloc(n);
  if (!q) return nullptr;
  std::memcpy(q, p, old < n ? old : n);
  wiping_free(p);
  return q;
}

char* wiping_strdup(const char* s) {
  const size_t n = std::strlen(s) + 1;
  auto* q = static_cast<char*>(std::malloc(n));
  if (q) std::memcpy(q, s, n);
  return q;
}

void* wiping_calloc(size_t count, size_t size) { return std::calloc(count, size); }

}  // namespace

NetworkLibrary::NetworkLibrary() {
  if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, wiping_malloc, wiping_free, wiping_realloc, wiping_strdup, wiping_calloc) !=
      CURLE_OK)
    throw std::runtime_error("libcurl failed to initialise");
}

NetworkLibrary::~NetworkLibrary() { curl_global_cleanup(); }

}  // namespace kiosk::http
