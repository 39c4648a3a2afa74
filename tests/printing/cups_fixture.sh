#!/bin/bash
# A real CUPS scheduler and a virtual IPP Everywhere printer for the printing tests, on loopback,
# in a private directory: nothing in /etc/cups is read or written.
#   cups_fixture.sh start DIR   starts them and writes DIR/env (CUPS_SERVER, KIOSK_TEST_PRINTER,
#                               KIOSK_PRINTER_CONTROL)
#   cups_fixture.sh restart-printer DIR   the virtual printer is switched off and on (faults cleared)
#   cups_fixture.sh stop DIR    stops everything it started
# Debian's ippeveprinter will not start without DNS-SD, so the fixture brings a private D-Bus and
# avahi-daemon (root, --no-drop-root --no-chroot) unless an avahi-daemon already runs.
set -euo pipefail
cmd=${1:?start|stop}
dir=$(realpath -m "${2:?DIR}")
here=$(cd "$(dirname "$0")" && pwd)
cups_port=${KIOSK_TEST_CUPS_PORT:-18631}
ipp_port=${KIOSK_TEST_IPP_PORT:-18632}
printer=kiosk-test

stop() {
    for p in cupsd ippeveprinter; do
        if [ -f "$dir/$p.pid" ]; then
            kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
            rm -f "$dir/$p.pid"
        fi
    done
    # avahi goes before its bus: one whose bus died first can hang on SIGTERM and would then pass
    # the next start's --check while serving nobody, so it is killed outright if it lingers.
    if [ -f "$dir/avahi.started" ]; then
        avahi_pid=$(cat /run/avahi-daemon/pid 2>/dev/null || true)
        avahi-daemon --kill 2>/dev/null || true
        if [ -n "$avahi_pid" ]; then
            for _ in $(seq 1 30); do kill -0 "$avahi_pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$avahi_pid" 2>/dev/null || true
        fi
        rm -f "$dir/avahi.started" /run/avahi-daemon/pid
    fi
    if [ -f "$dir/dbus.pid" ]; then
        kill "$(cat "$dir/dbus.pid")" 2>/dev/null || true
        rm -f "$dir/dbus.pid"
    fi
}

wait_port() {
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "cups_fixture: nothing listens on 127.0.0.1:$1 ($2)" >&2
    return 1
}

start_printer() {
    KIOSK_PRINTER_CONTROL="$dir/control" setsid ippeveprinter -n localhost -p "$ipp_port" -d "$dir/ipp" \
        -f application/pdf -c "$here/ipp_print_command.sh" -m "Kiosk test printer" "KioskTest" \
        >> "$dir/ippeveprinter.log" 2>&1 < /dev/null &
    echo $! > "$dir/ippeveprinter.pid"
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
if [ "$cmd" = restart-printer ]; then
    # The device is switched off and on (paper loaded, jam cleared): it forgets its faults.
    [ -f "$dir/dbus.sock" ] || [ -S "$dir/dbus.sock" ] && export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/dbus.sock"
    kill "$(cat "$dir/ippeveprinter.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$ipp_port") 2>/dev/null || break; sleep 0.1; done
    start_printer
    wait_port "$ipp_port" ippeveprinter
    exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
if [ "$(id -u)" != 0 ]; then
    echo "cups_fixture: needs root (cupsd and avahi-daemon)" >&2; exit 77
fi
for tool in cupsd ippeveprinter lpadmin avahi-daemon dbus-daemon; do
    command -v "$tool" >/dev/null || { echo "cups_fixture: $tool missing (installer/dev.sh installs it)" >&2; exit 77; }
done
stop
for p in "$cups_port" "$ipp_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        echo "cups_fixture: 127.0.0.1:$p is in use (another fixture? stop it with: $0 stop ITS_DIR)" >&2
        exit 1
    fi
done
rm -rf "$dir"
mkdir -p "$dir"/{cups/spool,cups/tmp,cups/cache,cups/state,cups/log,cups/ppd,control/printed,ipp}
chown -R lp:lp "$dir/cups/spool" "$dir/cups/tmp" "$dir/cups/cache"
chmod 755 "$dir" "$dir/control" "$dir/control/printed"

if avahi-daemon --check 2>/dev/null; then
    : # a running avahi-daemon (a developer's desktop) serves DNS-SD on the system bus
else
    cat > "$dir/dbus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/dbus.sock</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
  </policy>
</busconfig>
CONF
    dbus-daemon --config-file="$dir/dbus.conf" --fork --print-pid > "$dir/dbus.pid"
    export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/dbus.sock"
    printf '[server]\nuse-ipv4=yes\nuse-ipv6=no\nallow-interfaces=lo\n[publish]\npublish-addresses=no\npublish-hinfo=no\npublish-workstation=no\n' > "$dir/avahi.conf"
    avahi-daemon -f "$dir/avahi.conf" --no-drop-root --no-chroot --no-rlimits -D
    touch "$dir/avahi.started"
fi

start_printer

cat > "$dir/cups/cups-files.conf" <<CONF
User lp
Group lp
SystemGroup root
ServerRoot $dir/cups
RequestRoot $dir/cups/spool
TempDir $dir/cups/tmp
CacheDir $dir/cups/cache
StateDir $dir/cups/state
ErrorLog $dir/cups/log/error_log
AccessLog $dir/cups/log/access_log
PageLog $dir/cups/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
FileDevice No
CONF
cat > "$dir/cups/cupsd.conf" <<CONF
Listen 127.0.0.1:$cups_port
LogLevel info
Browsing No
WebInterface No
DefaultAuthType None
PreserveJobHistory Yes
JobRetryInterval 2
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
CONF
setsid cupsd -f -c "$dir/cups/cupsd.conf" -s "$dir/cups/cups-files.conf" > "$dir/cupsd.log" 2>&1 < /dev/null &
echo $! > "$dir/cupsd.pid"
wait_port "$ipp_port" ippeveprinter
wait_port "$cups_port" cupsd
export CUPS_SERVER="127.0.0.1:$cups_port"
lpadmin -p "$printer" -E -v "ipp://localhost:$ipp_port/ipp/print" -m everywhere -o printer-error-policy=retry-job
cat > "$dir/env" <<ENV
CUPS_SERVER=127.0.0.1:$cups_port
KIOSK_TEST_PRINTER=$printer
KIOSK_PRINTER_CONTROL=$dir/control
KIOSK_TEST_IPP_URI=ipp://localhost:$ipp_port/ipp/print
ENV
echo "cups_fixture: cupsd on 127.0.0.1:$cups_port, printer $printer -> ippeveprinter on port $ipp_port"
