#!/bin/bash
# The hall display end to end at one size, against a stand-in of its own: numbers taken and
# called while the display runs its script, a recall, the queue server away and back. Then
# what was said: each call's sentence twice, in the order called, the recall as "Mời lại", no
# call said for numbers called before the display started.
#   hall_session.sh KIOSK SIM_BIN_DIR STORE SHOTS SIZE SCRIPT PORT
set -euo pipefail
kiosk=$1 bin=$2 store=$3 shots=$4 size=$5 script=$6 port=$7
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "hall_session: $*" >&2; exit 1; }
sim=http://127.0.0.1:$port
work=$(mktemp -d)
trap '"$here/../sim/sim_fixture.sh" stop "$work"; rm -rf "$work"' EXIT
"$here/../sim/sim_fixture.sh" start "$work" "$bin" "$port"
rm -rf "$shots"
mkdir -p "$shots"
cat > "$work/display.conf" <<CONF
mode = display
queue_url = $sim
queue_allow_http = true
backend_url = $sim
backend_allow_http = true
CONF

take() {  # a number for service $1: the ticket's id
    curl -sf -X POST -H "Idempotency-Key: hall-$1-$RANDOM$RANDOM" -H 'Content-Type: application/json' \
        -d "{\"service\":\"$1\",\"priority\":\"none\",\"kiosk\":\"hall-test\"}" "$sim/queue/tickets" >/dev/null || fail "no ticket for $1"
}
call() {  # service $1 at counter $2: the number called
    curl -sf -X POST -d "{\"service\":\"$1\",\"counter\":\"$2\"}" "$sim/_sim/queue/call" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])' || fail "nothing to call for $1"
}
await_file() {
    for _ in $(seq 1 400); do [ -f "$1" ] && return 0; sleep 0.1; done
    fail "the display did not reach $(basename "$1")"
}
# Called before the display starts: shown, never said.
take tu-phap; take tu-phap; take tu-phap; take cong-an
before=$(call tu-phap 12)

"$kiosk" --config "$work/display.conf" --store "$store" --script "$script" --screenshots "$shots" --size "$size" &
display=$!
await_file "$shots/01-board.png"
first=$(call tu-phap 11)
second=$(call cong-an 9)
curl -sf -X POST -d '{"service":"tu-phap"}' "$sim/_sim/queue/recall" >/dev/null || fail "no recall"
await_file "$shots/02-calls.png"
curl -sf -X POST "$sim/_sim/fault?mode=http500" -d '{}' >/dev/null
await_file "$shots/03-queue-away.png"
curl -sf -X POST "$sim/_sim/fault?mode=none" -d '{}' >/dev/null
wait "$display" || fail "the display's script failed (see above)"

python3 - "$shots/spoken.log" "$before" "$first" "$second" <<'PY' || fail "what was said is not each call twice, in order"
import sys
said = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
before, first, second = sys.argv[2:5]
def letters(n):  # the number's letter as called: E -> "e", D -> "đê"
    return {"E": "Mời công dân có số e ", "D": "Mời công dân có số đê "}[n[0]]
calls = [s for s in said if s.startswith("Mời")]
assert len(calls) == 6, calls
assert said.count("[chuông]") == 3 and all(said[i + 1].startswith("Mời") for i, s in enumerate(said) if s == "[chuông]"), said
assert calls[0] == calls[1] and calls[2] == calls[3] and calls[4] == calls[5], calls
assert calls[0].startswith(letters(first)) and calls[0].endswith("đến quầy số mười một"), calls[0]
assert calls[2].startswith(letters(second)) and calls[2].endswith("đến quầy số chín"), calls[2]
assert calls[4].startswith("Mời lại công dân có số e ") and calls[4].endswith("đến quầy số mười một"), calls[4]
assert calls[0][len("Mời công dân có số "):] == calls[4][len("Mời lại công dân có số "):], (calls[0], calls[4])
print("hall_session: said", calls[0], "|", calls[2], "|", calls[4])
PY
