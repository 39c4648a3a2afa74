#!/bin/bash
# Starts or stops the one-stop backend simulator for the UI sessions and the demo.
#   sim_fixture.sh start DIR BIN_DIR [PORT]   (writes DIR/sim.pid; the sim listens on 127.0.0.1:PORT)
#   sim_fixture.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?DIR}
here=$(cd "$(dirname "$0")" && pwd)
if [ "$cmd" = stop ]; then
    [ -f "$dir/sim.pid" ] && kill "$(cat "$dir/sim.pid")" 2>/dev/null || true
    rm -f "$dir/sim.pid"
    exit 0
fi
bin=${3:?BIN_DIR}
port=${4:-18640}
mkdir -p "$dir"
[ -f "$dir/sim.pid" ] && kill "$(cat "$dir/sim.pid")" 2>/dev/null || true
rm -f "$dir/ready"
setsid "$bin/dossier-sim" --fixtures "$here/dossiers.json" --queue-demo --port "$port" --ready-file "$dir/ready" \
    > "$dir/sim.log" 2>&1 < /dev/null &
echo $! > "$dir/sim.pid"
for _ in $(seq 1 100); do [ -f "$dir/ready" ] && exit 0; sleep 0.05; done
echo "sim_fixture: dossier-sim did not start on 127.0.0.1:$port (see $dir/sim.log)" >&2
exit 1
