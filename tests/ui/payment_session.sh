#!/bin/bash
# The kiosk's payment session end to end (tests/ui/payment.script), then what it produced:
#   - the QR code on the screenshot, read back by ZXing, is a valid VietQR for 70.000 ₫ to the
#     treasury's account: what a phone's bank app would read;
#   - the receipt the virtual printer received says the amount in words and a receipt number;
#   - the journal holds one paid payment, and the simulated bank was asked for one.
# payment_session.sh KIOSK KIOSKCTL SIM_URL CUPS_DIR CONFIG STORE SHOTS STATE_DB SCRIPT
set -euo pipefail
kiosk=$1 kioskctl=$2 sim=$3 cups=$4 conf=$5 store=$6 shots=$7 state=$8 script=$9
fail() { echo "payment_session: $*" >&2; exit 1; }

rm -f "$state" "$state"-wal "$state"-shm
mkdir -p "$(dirname "$state")"
marker=$(mktemp)
trap 'rm -f "$marker"; curl -s -d "" "$sim/_sim/autopay?polls=0" >/dev/null || true' EXIT
curl -sf -d "" "$sim/_sim/autopay?polls=3" >/dev/null || fail "the simulator does not answer at $sim"

"$kiosk" --config "$conf" --store "$store" --script "$script" --screenshots "$shots" --state-db "$state"

# The code on screen, as a phone reads it.
payload=$("$kioskctl" qr decode "$shots/02-qr-code.png") || fail "no QR code readable on 02-qr-code.png"
decoded=$("$kioskctl" --json payment decode "$payload") || fail "the screen's code is not a valid VietQR: $payload"
echo "$decoded" | grep -q '"amount": *70000' || fail "the screen's code is not for 70000: $decoded"
echo "$decoded" | grep -q '112233445566' || fail "the screen's code pays another account: $decoded"

# The receipt, as printed.
receipt=""
for _ in $(seq 1 100); do
    for pdf in $(find "$cups/control/printed" -name '*.pdf' -newer "$marker" 2>/dev/null); do
        pdftotext -enc UTF-8 "$pdf" - | grep -qF "BẢN IN LẠI" || { receipt=$pdf; break; }
    done
    [ -n "$receipt" ] && break
    sleep 0.1
done
[ -n "$receipt" ] || receipt=$(ls -t "$cups"/control/printed/*.pdf 2>/dev/null | head -1)
[ -n "$receipt" ] || fail "the printer received no receipt"
text=$(pdftotext -enc UTF-8 "$receipt" -)
for want in "BIÊN NHẬN" "Bảy mươi nghìn đồng" "BN0001-" "000.00.12.H04-261120-0012" "70.000"; do
    grep -qF "$want" <<<"$text" || fail "the receipt lacks '$want':"$'\n'"$text"
done

# The staff's reprint from the staff screen: the same receipt, marked as a reprint.
reprint=""
for _ in $(seq 1 100); do
    for pdf in $(find "$cups/control/printed" -name '*.pdf' -newer "$marker" 2>/dev/null); do
        if pdftotext -enc UTF-8 "$pdf" - | grep -qF "BẢN IN LẠI"; then reprint=$pdf; break 2; fi
    done
    sleep 0.1
done
[ -n "$reprint" ] || fail "the staff's reprint did not reach the printer"
rtext=$(pdftotext -enc UTF-8 "$reprint" -)
grep -qF "$(grep -o 'BN0001-[0-9-]*' <<<"$text" | head -1)" <<<"$rtext" || fail "the reprint is not the same receipt:"$'\n'"$rtext"

# One payment in the journal, paid; one order at the bank.
journal=$("$kioskctl" --json payment journal --state "$state")
[ "$(grep -o '"state": *"paid"' <<<"$journal" | wc -l)" = 1 ] || fail "the journal does not hold exactly one paid payment: $journal"
ledger=$(curl -sf "$sim/_sim/ledger")
python3 - "$ledger" <<'PY' || fail "the bank's ledger is not one paid order: $ledger"
import json, sys
orders = [o for o in json.loads(sys.argv[1]) if o["dossier"] == "000.00.12.H04-261120-0012"]
assert len(orders) == 1 and orders[0]["creates"] == 1 and orders[0]["status"] == "paid", orders
PY
echo "payment_session: QR read back, receipt printed, one payment paid"
