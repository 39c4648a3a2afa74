#include <iostream>

#include "commands.hpp"
#include "dossier/qr_decode.hpp"

namespace kioskctl {

void register_qr_commands(CLI::App& app, Action& action) {
  auto* qr = app.add_subcommand("qr", "Read QR codes and barcodes from images");
  qr->require_subcommand(1);
  qr->fallthrough();
  auto* cmd = qr->add_subcommand("decode", "Decode each image; one image prints exactly its text");
  auto images = std::make_shared<std::vector<std::string>>();
  cmd->add_option("IMAGE", *images, "Image files (PNG, JPEG, BMP)")->required();
  cmd->callback([&action, images] {
    action = [images] {
      nlohmann::json arr = nlohmann::json::array();
      std::string text;
      int failed = 0;
      std::string last_error;
      for (const auto& path : *images) {
        std::string error;
        auto img = kiosk::dossier::load_grey_image(path, &error);
        kiosk::dossier::Decoded d;
        if (img) d = kiosk::dossier::decode(*img);
        if (img && !d.text) error = "no QR code or CODE128 barcode found";
        if (d.text) {
          arr.push_back({{"image", path}, {"text", *d.text}, {"format", d.format}, {"pass", d.pass}});
          text += images->size() == 1 ? *d.text + "\n" : path + ": " + *d.text + "\n";
        } else {
          ++failed;
          last_error = path + ": " + error;
          arr.push_back({{"image", path}, {"error", error}});
          if (images->size() > 1) text += path + ": (" + error + ")\n";
        }
      }
      // One image: exactly its text, or a non-zero exit with the reason.
      if (images->size() == 1 && failed) throw std::runtime_error(last_error);
      return Output{text, arr};
    };
  });
}

}  // namespace kioskctl
