#!/bin/sh
# Print command of the test fixture's ippeveprinter: it keeps what the printer received (so tests
# can read it back) and plays printer faults that tests switch on by creating files in the
# fixture's control directory. ippeveprinter reads "STATE:" lines on stderr into the printer's
# printer-state-reasons, as a real printer reports them.
set -u
control="${KIOSK_PRINTER_CONTROL:?}"
file="$1"
# Out of paper: like a real printer, hold the job and report it until paper is loaded.
if [ -e "$control/media-empty" ]; then
    echo "STATE: +media-empty-error" >&2
    while [ -e "$control/media-empty" ]; do sleep 0.2; done
    echo "STATE: -media-empty-error" >&2
fi
if [ -e "$control/slow" ]; then
    sleep "$(cat "$control/slow")"
fi
n=$(ls "$control/printed" 2>/dev/null | wc -l)
name=$(printf %s "${IPP_JOB_NAME:-job}" | tr -c "A-Za-z0-9._-" _)
cp "$file" "$control/printed/$(printf %04d "$n")-$name.pdf"
exit 0
