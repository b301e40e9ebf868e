#!/bin/sh
# Checks what `make install` installs (the operations issue's CI step):
#  1. `make install` into a staging directory with PREFIX pointing there, so every ExecStart= names the
#     staged binary (systemd-analyze verify needs it to exist) and the Documentation=man:maildesk(1)
#     check finds the staged man page through MANPATH;
#  2. `systemd-analyze verify` on the installed maildesk.service, maildesk-backup.service and .timer;
#  3. prints the `systemd-analyze security --offline=true` exposure of maildesk.service; fails above 2.0.
# Usage: scripts/verify-units.sh [STAGING_DIR]   (default: a temporary directory, removed afterwards)
set -eu
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    stage=$1
    mkdir -p "$stage"
else
    stage=$(mktemp -d /tmp/maildesk-install.XXXXXX)
    trap 'rm -rf "$stage"' EXIT
fi
stage=$(cd "$stage" && pwd)
make install PREFIX="$stage/usr/local" SYSCONFDIR="$stage/etc"

units="$stage/usr/local/lib/systemd/system"
echo "systemd-analyze verify $units/{maildesk.service,maildesk-backup.service,maildesk-backup.timer}"
MANPATH="$stage/usr/local/share/man:" systemd-analyze verify \
    "$units/maildesk.service" "$units/maildesk-backup.service" "$units/maildesk-backup.timer"
echo "verify: ok"

figure=$(systemd-analyze security --offline=true "$units/maildesk.service" 2>&1 |
    sed -n 's/.*Overall exposure level for maildesk.service: \([0-9.]*\).*/\1/p')
echo "systemd-analyze security maildesk.service: ${figure:-unknown} (must be <= 2.0)"
[ -n "$figure" ] && awk -v f="$figure" 'BEGIN { exit !(f <= 2.0) }'
