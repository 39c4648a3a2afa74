#!/bin/bash
# Keys as they really arrive: the kiosk in kiosk mode (fullscreen, SDL's X11 driver, the real
# loop, software rendering) under Xvfb, with real X11 key events from xdotool. On the search
# screen, with results drawing, a person types "ho chieu" at a person's pace, pauses 1.5 s, then
# a keyboard-wedge scanner sends a slip's URL at 4 ms a key and Enter: every one of ROUNDS scans
# must open the dossier. A person typing a query, or even a dossier code, at a person's pace and
# pressing Enter must never be taken for a scan.
# Whether a scan opened the dossier is seen where it lands: the backend stand-in (its own, on a
# free port) counts the lookups it was asked.
#   wedge_xvfb.sh TTHC_KIOSK DOSSIER_SIM STORE WORK_DIR [ROUNDS]
set -euo pipefail
kiosk=${1:?tthc-kiosk} sim=${2:?dossier-sim} store=${3:?store} work=${4:?work dir} rounds=${5:-20}
here=$(cd "$(dirname "$0")" && pwd)
slip="https://dichvucong.example.vn/portaldvc/tra-cuu?SGT=030195067891&MHS=000.00.12.H04-261115-0006"

fail() { echo "wedge_xvfb: $*" >&2; [ -f "$work/kiosk.log" ] && tail -n 30 "$work/kiosk.log" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# A display of its own: Xvfb picks a free number and writes it to the file.
Xvfb -displayfd 3 -screen 0 "${XVFB_SCREEN:-1920x1080x24}" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
[ -s "$work/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(tr -d '\n' < "$work/display")"
unset SDL_VIDEODRIVER SDL_AUDIODRIVER
export SDL_VIDEODRIVER=x11

"$sim" --fixtures "$here/../sim/dossiers.json" --port 0 --ready-file "$work/sim.ready" > "$work/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -f "$work/sim.ready" ] && break; sleep 0.05; done
[ -f "$work/sim.ready" ] || fail "the backend stand-in did not start"
backend="http://127.0.0.1:$(sed -n 's/^http=//p' "$work/sim.ready")"
lookups() { curl -s "$backend/_sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])'; }

cat > "$work/kiosk.conf" <<EOF
backend_url = $backend
backend_allow_http = true
printer = none
speech = off
log_file = $work/kiosk.log
state_db = $work/state.db
EOF
# Kiosk mode: not --windowed, not headless (the close request of a window manager is ignored,
# so it is stopped with SIGKILL at the end).
"$kiosk" --config "$work/kiosk.conf" --store "$store" > "$work/kiosk.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do grep -q "content pack .* loaded" "$work/kiosk.log" 2>/dev/null && break; sleep 0.05; done
grep -q "content pack .* loaded" "$work/kiosk.log" 2>/dev/null || fail "the kiosk did not start"
sleep 2
# No window manager: keys go to the window under the pointer.
xdotool mousemove 960 540
sleep 0.5

scans() { lookups; }
refused() { grep -c "scan: a scan that is not an appointment slip" "$work/kiosk.log" || true; }

base=$(lookups)
for i in $(seq 1 "$rounds"); do
  i=$((base + i))
  # Back to an empty query, then a person's typing: the result list draws between the keys.
  xdotool key --delay 15 $(printf 'BackSpace %.0s' $(seq 1 40))
  xdotool type --delay 180 "ho chieu"
  sleep 1.5
  xdotool type --delay 4 "$slip"
  xdotool key Return
  for _ in $(seq 1 100); do [ "$(scans)" -ge "$i" ] || [ "$(refused)" -gt 0 ] && break; sleep 0.05; done
  [ "$(refused)" -eq 0 ] || fail "round $((i - base)): the scan was taken for typing and refused ('Mã QR này không phải phiếu hẹn trả kết quả')"
  [ "$(scans)" -ge "$i" ] || fail "round $((i - base)): the scan did not open the dossier"
  sleep 0.5
done
echo "wedge_xvfb: $rounds of $rounds scans after typing opened the dossier"
grep -c "taken back from the query" "$work/kiosk.log" | sed 's/^/wedge_xvfb: bursts put back together at Enter: /' || true

# A person at the keyboard, then Enter: a query and a dossier code, at a person's pace.
before=$(scans)
for text in "dang ky ket hon" "000.00.12.H04-261115-0006" "ho chieu"; do
  xdotool key --delay 15 $(printf 'BackSpace %.0s' $(seq 1 40))
  xdotool type --delay 120 "$text"
  xdotool key Return
  sleep 1
done
[ "$(scans)" -eq "$before" ] && [ "$(refused)" -eq 0 ] || fail "a person's typing and Enter was taken for a scan"
echo "wedge_xvfb: typing at a person's pace and Enter, 3 of 3 stayed typing"
