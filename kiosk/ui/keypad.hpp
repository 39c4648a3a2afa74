// Big keys for a finger, for codes and numbers: digits (and, for dossier codes, '.', '-' and
// the letters agency ids use), delete and clear. Used by the dossier screen and the PIN pad.
#pragma once
#include <string>

#include "ui/frame.hpp"

namespace kiosk::ui {

enum class KeypadKind { Digits, DossierCode };

// Draws the keypad `width` wide, centred, from `top`; returns true when `target` changed.
// Keys are `key_h` tall. The cursor ends below the last row.
bool keypad(FrameContext& f, KeypadKind kind, std::string& target, float top, float width, float key_h, size_t max_len);

// The height keypad() takes for `key_h`.
float keypad_height(const FrameContext& f, KeypadKind kind, float key_h);

}  // namespace kiosk::ui
