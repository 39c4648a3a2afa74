#!/usr/bin/env bash
# The package as a province's IT team meets it: build it (installer/dev.sh package: lintian
# included), make a fresh Debian 12 root with debootstrap (cached as a tarball between runs),
# install the package there with apt, then inside that root: both programs answer --version, the
# service user and its private state exist, a pack signed by a key put in trusted-keys installs,
# a headless scripted session runs as the service user, systemd checks the unit, and remove keeps
# the state while purge deletes it.
#   installer/test-package.sh            (as root: debootstrap and chroot need it)
# Slow (a Debian root and the kiosk's dependencies, from the network on the first run): CI runs
# it only when installer/ changed (see the README).
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
CACHE="${KIOSK_PACKAGE_CACHE:-$ROOT_DIR/build/package-cache}"
WORK="$ROOT_DIR/build/package-test"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
log() { printf '\033[1m[test-package]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[test-package] FAILED:\033[0m %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "run as root (debootstrap, chroot)"

installer/dev.sh package
deb="$(ls -t build/tthc-kiosk_*_amd64.deb | head -n 1)"

mkdir -p "$CACHE"
base="$CACHE/bookworm-minbase.tar"
if [[ ! -f $base ]]; then
  log "making a Debian 12 root with debootstrap (cached in $base)"
  rm -rf "$CACHE/root"
  debootstrap --variant=minbase bookworm "$CACHE/root" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -n 20 "$CACHE/debootstrap.log"; fail "debootstrap"; }
  tar -C "$CACHE/root" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf "$CACHE/root"
fi

# A fresh copy each run: nothing of the last run's install survives.
umount_all() {
  for m in proc sys dev/pts; do mountpoint -q "$WORK/root/$m" && umount -l "$WORK/root/$m"; done
  return 0
}
trap umount_all EXIT
umount_all
rm -rf "$WORK"
mkdir -p "$WORK/root"
tar -C "$WORK/root" -xf "$base"
mount -t proc proc "$WORK/root/proc"
mount -t sysfs sys "$WORK/root/sys"
mkdir -p "$WORK/root/dev/pts" && mount -t devpts devpts "$WORK/root/dev/pts"
cp /etc/resolv.conf "$WORK/root/etc/resolv.conf"
in_root() { chroot "$WORK/root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }

log "installing $(basename "$deb") with apt in the fresh root"
cp "$deb" "$WORK/root/tmp/"
# Services are not started inside a chroot.
printf '#!/bin/sh\nexit 101\n' >"$WORK/root/usr/sbin/policy-rc.d" && chmod 0755 "$WORK/root/usr/sbin/policy-rc.d"
in_root apt-get update -qq >"$WORK/apt.log" 2>&1 || { tail -n 20 "$WORK/apt.log"; fail "apt-get update"; }
# systemd too: a kiosk boots with it (minbase has none), and the unit is checked against it.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" systemd \
  >>"$WORK/apt.log" 2>&1 || { tail -n 30 "$WORK/apt.log"; fail "apt install of the package"; }

log "checks inside the root"
in_root tthc-kiosk --version | grep -q "^tthc-kiosk " || fail "tthc-kiosk --version"
in_root kioskctl --version | grep -q "^kioskctl " || fail "kioskctl --version"
in_root getent passwd tthc-kiosk >/dev/null || fail "no tthc-kiosk user"
groups="$(in_root id -nG tthc-kiosk)"
for g in video input render lp dialout; do [[ " $groups " == *" $g "* ]] || fail "tthc-kiosk is not in group $g ($groups)"; done
[[ " $groups " != *" sudo "* && " $groups " != *" adm "* ]] || fail "tthc-kiosk has groups it does not need ($groups)"
[[ "$(in_root stat -c '%a %U' /var/lib/tthc-kiosk)" == "700 tthc-kiosk" ]] || fail "state directory not 0700 tthc-kiosk"
[[ -z "$(ls -A "$WORK/root/etc/tthc-kiosk/trusted-keys")" ]] || fail "trusted-keys is not empty after install"
grep -q "^/etc/tthc-kiosk/kiosk.conf$" "$WORK/root/var/lib/dpkg/info/tthc-kiosk.conffiles" || fail "kiosk.conf is not a conffile"
# The staff PIN's hash is in it: the kiosk's group reads it, other users do not.
[[ "$(in_root stat -c '%a %U:%G' /etc/tthc-kiosk/kiosk.conf)" == "640 root:tthc-kiosk" ]] || fail "kiosk.conf is not 0640 root:tthc-kiosk"

# The sample pack is not trusted by a production install...
cp build/content/sample.kpack "$WORK/root/tmp/sample.kpack"
if in_root runuser -u tthc-kiosk -- kioskctl content install /tmp/sample.kpack --store /var/lib/tthc-kiosk/content \
    --trust /etc/tthc-kiosk/trusted-keys >/dev/null 2>&1; then
  fail "a pack installed with no key in trusted-keys"
fi
# ...until its key is put in trusted-keys (here, the test key; a province puts its own).
cp content/sample/test-signing.pub "$WORK/root/etc/tthc-kiosk/trusted-keys/test.pub"
in_root runuser -u tthc-kiosk -- kioskctl content install /tmp/sample.kpack --store /var/lib/tthc-kiosk/content \
  --trust /etc/tthc-kiosk/trusted-keys >/dev/null || fail "the signed pack did not install"

log "a headless scripted session as the service user"
cat >"$WORK/root/tmp/package.script" <<'SCRIPT'
tap @960,540
tap Tra cứu thủ tục
type dang ky ket hon
tap Thủ tục đăng ký kết hôn
await Giấy tờ cần mang
expect Quầy 11–12
tap Nghe đọc
expect-spoken Quầy mười một đến mười hai
shot installed-procedure
SCRIPT
mkdir -p "$WORK/root/tmp/shots" && in_root chown tthc-kiosk /tmp/shots
in_root runuser -u tthc-kiosk -- tthc-kiosk --config /etc/tthc-kiosk/kiosk.conf --script /tmp/package.script \
  --screenshots /tmp/shots >"$WORK/session.log" 2>&1 || { cat "$WORK/session.log"; fail "the scripted session"; }
[[ -s "$WORK/root/tmp/shots/installed-procedure.png" ]] || fail "no screenshot from the installed kiosk"
cp "$WORK/root/tmp/shots/installed-procedure.png" "$WORK/"
perms="$(find "$WORK/root/var/lib/tthc-kiosk" -newer "$WORK/root/tmp/package.script" -type f -perm /077 -name '*.db' | head -n 3)"
[[ -z $perms ]] || fail "state files readable by others: $perms"

log "systemd's check of the unit"
for page in tthc-kiosk kioskctl; do [[ -f "$WORK/root/usr/share/man/man1/$page.1.gz" ]] || fail "no manual page for $page"; done
rule="$WORK/root/usr/share/polkit-1/rules.d/50-tthc-kiosk.rules"
[[ "$(stat -c '%U:%G %a' "$rule" 2>/dev/null)" == "root:root 644" ]] || fail "the polkit rule for staff's reboot is missing or not root's 0644"
systemd-analyze verify --man=no --root="$WORK/root" tthc-kiosk.service 2>&1 | grep -v "^$" | tee "$WORK/verify.log" || true
if grep -qiE "error|failed|not found|bad" "$WORK/verify.log"; then fail "systemd-analyze verify"; fi
systemd-analyze security --offline=yes --root="$WORK/root" tthc-kiosk.service 2>/dev/null | tail -n 1

log "remove keeps the state; purge deletes it"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tthc-kiosk >>"$WORK/apt.log" 2>&1 || fail "apt remove"
[[ -d "$WORK/root/var/lib/tthc-kiosk/content" ]] || fail "remove deleted the state"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq tthc-kiosk >>"$WORK/apt.log" 2>&1 || fail "apt purge"
[[ ! -e "$WORK/root/var/lib/tthc-kiosk" ]] || fail "purge kept the state"
[[ ! -e "$WORK/root/etc/tthc-kiosk/kiosk.conf" ]] || fail "purge kept the configuration"

log "the package installs, runs and leaves cleanly in a fresh Debian 12 root (screenshot: $WORK/installed-procedure.png)"
