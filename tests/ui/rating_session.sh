#!/bin/bash
# The kiosk's rating session (tests/ui/rating.script), then what the backend received: the two
# ratings, once each, as the citizen gave them.
# rating_session.sh KIOSK SIM_URL CONFIG STORE SHOTS STATE_DB SCRIPT [SIZE]
set -euo pipefail
kiosk=$1 sim=$2 conf=$3 store=$4 shots=$5 state=$6 script=$7 size=${8:-1920x1080}
fail() { echo "rating_session: $*" >&2; exit 1; }
rm -f "$state" "$state"-wal "$state"-shm
mkdir -p "$(dirname "$state")"
before=$(curl -sf "$sim/_sim/ratings") || fail "the simulator does not answer at $sim"
"$kiosk" --config "$conf" --store "$store" --script "$script" --screenshots "$shots" --state-db "$state" --size "$size"
after=$(curl -sf "$sim/_sim/ratings")
python3 - "$before" "$after" <<'PY' || fail "the backend did not receive the two ratings once each: $after"
import json, sys
before = {r["id"] for r in json.loads(sys.argv[1])}
new = [r for r in json.loads(sys.argv[2]) if r["id"] not in before]
assert len(new) == 2, new
by_level = {r["level"]: r for r in new}
bad = by_level["khong-hai-long"]
assert bad["officer"]["id"] == "MAU-CB07" and bad["reason"] == "cham" and bad["comment"] == "chờ lâu quá", bad
assert bad["dossier"] == "", bad
good = by_level["rat-hai-long"]
assert good["officer"]["id"] == "MAU-CB06" and good["dossier"] == "000.00.12.H04-261110-0001", good
assert all(r["source"] == "kiosk" and not r["flagged"] for r in new), new
PY
echo "rating_session: two ratings delivered once each"
