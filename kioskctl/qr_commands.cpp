#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "dossier/qr_decode.hpp"
#include "dossier/qr_encode.hpp"

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
  auto* enc = qr->add_subcommand("encode", "Make a QR code image (demo slips, test frames)");
  auto payload = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto module = std::make_shared<int>(8);
  auto frame = std::make_shared<std::string>();
  enc->add_option("TEXT", *payload, "What the code holds")->required();
  enc->add_option("-o,--output", *out, "PNG file")->required();
  enc->add_option("--module", *module, "Pixels a module")->check(CLI::Range(1, 64));
  auto at = std::make_shared<std::string>();
  enc->add_option("--frame", *frame, "WxH: put the code on a grey camera-sized frame");
  enc->add_option("--at", *at, "X,Y: where on the frame (default centred; may run off the edge)");
  enc->callback([&action, payload, out, module, frame, at] {
    action = [=] {
      auto img = kiosk::dossier::encode_qr(*payload, *module);
      int w = 0, h = 0;
      if (!frame->empty()) {
        if (std::sscanf(frame->c_str(), "%dx%d", &w, &h) != 2 || w < img.width || h < img.height)
          throw std::runtime_error("--frame takes WxH at least as large as the code");
        int x = (w - img.width) / 2, y = (h - img.height) / 2;
        if (!at->empty() && std::sscanf(at->c_str(), "%d,%d", &x, &y) != 2) throw std::runtime_error("--at takes X,Y");
        img = kiosk::dossier::place_on_frame(img, w, h, x, y);
      }
      kiosk::dossier::save_png(img, *out);
      return Output{"wrote " + *out + "\n", {{"output", *out}, {"width", img.width}, {"height", img.height}}};
    };
  });
}

}  // namespace kioskctl
