#!/bin/bash
# The package's polkit rule, evaluated by duktape (polkitd's engine) with polkit's API stubbed as
# polkitd defines it: the kiosk's user may reboot, nobody else, nothing else.
set -euo pipefail
src=${1:?source dir}
command -v duk >/dev/null || { echo "polkit_rule: duk missing (installer/dev.sh installs duktape)" >&2; exit 1; }
prelude=$(mktemp --suffix=.js)
trap 'rm -f "$prelude" "$prelude.all.js"' EXIT
cat > "$prelude" <<'JS'
var rules = [];
var polkit = {
    Result: { NO: "no", YES: "yes", AUTH_SELF: "auth_self", AUTH_SELF_KEEP: "auth_self_keep",
              AUTH_ADMIN: "auth_admin", AUTH_ADMIN_KEEP: "auth_admin_keep", NOT_HANDLED: null },
    addRule: function (f) { rules.push(f); },
    addAdminRule: function (f) {},
    log: function (m) { print(m); }
};
JS
cat "$prelude" "$src/installer/polkit/50-tthc-kiosk.rules" "$src/tests/installer/polkit_rule_check.js" > "$prelude.all.js"
duk "$prelude.all.js"
