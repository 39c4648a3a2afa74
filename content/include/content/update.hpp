// One pass of a kiosk's content update from its channel (channel.hpp): ask for the channel file
// (If-None-Match: an unchanged one costs a 304), check it, fetch the pack (resumed when a
// download was cut), check its size and hash, install it, run the kiosk's self-check, and roll
// back when that fails. State between passes lives in STORE/channel/ (the ETag, the partial pack).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "content/channel.hpp"
#include "content/store.hpp"

namespace kiosk::content {

struct UpdateOptions {
  std::string channel_url;  // https://…/stable.json
  std::vector<PublicKey> trusted;
  std::vector<CatalogExtension> extensions;  // what an install builds (the search index)
  std::string kiosk_id;                      // chooses this kiosk in or out of a rollout
  std::string kiosk_version;                 // refuses packs for a newer kiosk
  std::string pinned_version;                // staff pinned this version: nothing else is installed
  http::Options http;                        // CA bundle, timeouts
};

struct UpdateOutcome {
  enum class Kind {
    Unchanged,      // 304: the channel has not changed since the last pass
    UpToDate,       // the channel's pack is the installed one, or older
    NotInRollout,   // this kiosk is not among the rollout's share
    Pinned,         // staff pinned another version
    TooNewForKiosk, // the pack needs a newer kiosk
    Installed,
    RolledBack,     // installed, failed its self-check, the previous pack is back
  };
  Kind kind = Kind::Unchanged;
  std::string version;  // the channel's
  std::string detail;   // for the log
};
const char* kind_name(UpdateOutcome::Kind k);

// Throws PackError (a bad channel file, a pack failing verification or its hash) or
// std::runtime_error (the server unreachable, a cut download: the part is kept for the next
// pass). `self_check` returns an empty string when the newly installed pack serves, else why not.
UpdateOutcome update_from_channel(ContentStore& store, const UpdateOptions& o,
                                  const std::function<std::string(const InstalledPack&)>& self_check);

}  // namespace kiosk::content
