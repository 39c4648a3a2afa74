// A string that holds a citizen's secret (an id number, a slip's secret code): its bytes are
// overwritten whenever it lets go of them — destroyed, assigned over, moved from — so no copy is
// left in freed memory for a later memory image to find. Never logged: it has no stream output.
#pragma once
#include <string>
#include <string_view>

namespace kiosk {

// Overwrites the whole buffer of `s` (its capacity, the small-string buffer included), then
// empties it.
void wipe_string(std::string& s) noexcept;
void wipe_bytes(void* p, size_t n) noexcept;

class SecretString {
 public:
  SecretString() = default;
  explicit SecretString(std::string_view s) : s_(s) {}
  SecretString(const SecretString& o) : s_(o.s_) {}
  SecretString(SecretString&& o) noexcept : s_(o.s_) { wipe_string(o.s_); }
  SecretString& operator=(const SecretString& o) {
    if (this != &o) {
      wipe_string(s_);
      s_ = o.s_;
    }
    return *this;
  }
  SecretString& operator=(SecretString&& o) noexcept {
    if (this != &o) {
      wipe_string(s_);
      s_ = o.s_;
      wipe_string(o.s_);
    }
    return *this;
  }
  SecretString& operator=(std::string_view v) {
    wipe_string(s_);
    s_ = v;
    return *this;
  }
  ~SecretString() { wipe_string(s_); }

  std::string_view view() const { return s_; }
  const char* c_str() const { return s_.c_str(); }
  bool empty() const { return s_.empty(); }
  size_t size() const { return s_.size(); }
  void clear() { wipe_string(s_); }
  bool operator==(const SecretString& o) const { return s_ == o.s_; }

 private:
  std::string s_;
};

}  // namespace kiosk
