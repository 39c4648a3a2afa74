// kioskctl content publish / update: the fleet's content channel (content/channel.hpp,
// content/update.hpp; docs/fleet.md). Publish writes what an HTTPS server serves; update is one
// pass of what a kiosk does with it.

#include <iostream>

#include "commands.hpp"
#include "content/channel.hpp"
#include "content/update.hpp"
#include "model/config.hpp"
#include "search/index.hpp"
#include "search/self_check.hpp"

namespace kioskctl {

using nlohmann::json;
namespace kc = kiosk::content;

void register_content_channel(CLI::App& content, Action& action) {
  {
    auto* cmd = content.add_subcommand("publish", "Put a pack on a channel: the pack and a signed <channel>.json, for an HTTPS server");
    auto pack = std::make_shared<std::string>();
    auto dir = std::make_shared<std::string>();
    auto key = std::make_shared<std::string>();
    auto channel = std::make_shared<std::string>("stable");
    auto rollout = std::make_shared<int>(100);
    cmd->add_option("PACK", *pack)->required()->check(CLI::ExistingFile);
    cmd->add_option("--channel-dir", *dir, "Directory the HTTPS server serves")->required();
    cmd->add_option("--key", *key, "Secret key file (the content signing key)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--channel", *channel, "Channel name (stable, pilot...)");
    cmd->add_option("--rollout", *rollout, "Percent of kiosks that take it")->check(CLI::Range(0, 100));
    cmd->callback([&action, pack, dir, key, channel, rollout] {
      action = [=] {
        const auto e = kc::publish_pack(*pack, *dir, kc::read_secret_key(*key), *channel, *rollout);
        return Output{"published " + e.pack_id + " " + e.version + " on " + e.channel + " (" + std::to_string(e.rollout) + " %): " +
                          *dir + "/" + e.channel + ".json, " + e.file + "\n",
                      {{"channel", e.channel}, {"pack_id", e.pack_id}, {"version", e.version}, {"file", e.file},
                       {"size", e.size}, {"sha256", e.sha256}, {"rollout", e.rollout}}};
      };
    });
  }
  {
    auto* cmd = content.add_subcommand("update", "One pass of a kiosk's update from its channel (exit 0 whether or not it installed)");
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto url = std::make_shared<std::string>();
    auto trust = std::make_shared<std::vector<std::string>>();
    auto ca = std::make_shared<std::string>();
    auto kiosk_id = std::make_shared<std::string>();
    auto pin = std::make_shared<std::string>();
    cmd->add_option("--store", *store, "Content store directory");
    cmd->add_option("--channel", *url, "The channel file's https address")->required();
    cmd->add_option("--trust", *trust, "Trusted public key files or directories")->required();
    cmd->add_option("--ca-bundle", *ca, "CA certificates for the server (default: the system's)");
    cmd->add_option("--kiosk-id", *kiosk_id, "This kiosk's id (chooses it in or out of a rollout; default: the host name)");
    cmd->add_option("--pin", *pin, "Install only this version (staff pinned it)");
    cmd->callback([&action, store, url, trust, ca, kiosk_id, pin] {
      action = [=] {
        kiosk::http::check_url(*url, kiosk::http::Policy{});
        kc::ContentStore s(*store);
        kc::UpdateOptions o;
        o.channel_url = *url;
        o.trusted = load_trust(*trust);
        o.extensions = {kiosk::search::index_extension()};
        o.kiosk_id = kiosk::app::kiosk_id_or_hostname(*kiosk_id);
        o.kiosk_version = KIOSK_VERSION;
        o.pinned_version = *pin;
        o.http.ca_bundle = *ca;
        o.http.connect_timeout = std::chrono::milliseconds(5000);
        o.http.total_timeout = std::chrono::milliseconds(15000);
        const auto r = kc::update_from_channel(s, o, [](const kc::InstalledPack& p) {
          return kiosk::search::catalog_self_check(p.dir / "catalog.sqlite");
        });
        const bool installed = r.kind == kc::UpdateOutcome::Kind::Installed;
        if (r.kind == kc::UpdateOutcome::Kind::RolledBack) std::cerr << "kioskctl: WARN " << r.detail << "\n";
        return Output{std::string(kc::kind_name(r.kind)) + ": " + r.detail + "\n",
                      {{"installed", installed}, {"outcome", kc::kind_name(r.kind)}, {"version", r.version}, {"detail", r.detail}}};
      };
    });
  }
}

}  // namespace kioskctl
