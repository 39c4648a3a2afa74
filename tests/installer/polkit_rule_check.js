// Runs the package's polkit rule in duktape, the JavaScript engine Debian's polkitd uses, with
// polkit's addRule/Result as polkitd gives them, and checks what it answers. Run by
// tests/installer/polkit_rule.sh (the rule is loaded first, then this file).
var failures = 0;
function expect(what, got, want) {
    if (got !== want) { print("FAIL " + what + ": got " + got + ", want " + want); failures++; }
}
function ask(user, id) {
    var answer;
    for (var i = 0; i < rules.length && answer === undefined; i++)
        answer = rules[i]({ id: id }, { user: user, local: true, active: true });
    return answer;
}
expect("one rule added", rules.length, 1);
expect("the kiosk reboots", ask("tthc-kiosk", "org.freedesktop.login1.reboot"), "yes");
expect("the kiosk reboots with an SSH session open", ask("tthc-kiosk", "org.freedesktop.login1.reboot-multiple-sessions"), "yes");
expect("the kiosk may not power off", ask("tthc-kiosk", "org.freedesktop.login1.power-off"), undefined);
expect("the kiosk may not manage units", ask("tthc-kiosk", "org.freedesktop.systemd1.manage-units"), undefined);
expect("the kiosk may not set the time", ask("tthc-kiosk", "org.freedesktop.timedate1.set-time"), undefined);
expect("another user may not reboot through this rule", ask("lp", "org.freedesktop.login1.reboot"), undefined);
if (failures === 0) print("polkit rule: ok");
else throw new Error(failures + " failure(s)");
