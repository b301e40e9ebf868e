#!/usr/bin/env bash
# Installs the Debian packages maildesk needs to build and test.
#
#   scripts/install-deps.sh            build dependencies only
#   scripts/install-deps.sh --servers  plus Dovecot and Postfix for the integration tests, and
#                                      Chromium with a CJK font (the HTML report is rendered headless)
#
# Idempotent: only missing packages are installed, and `apt-get update` runs
# at most once, only when something is missing. Never reads standard input.
# The system Dovecot/Postfix daemons are kept from starting during the install
# (and stopped if they were started anyway): the tests run private instances
# through scripts/mailservers.sh.
set -euo pipefail

want_servers=0
for arg in "$@"; do
    case "$arg" in
        --servers) want_servers=1 ;;
        -h|--help)
            sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *) echo "install-deps.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

packages=(libcurl4-openssl-dev libsqlite3-dev libxml2-dev libopenblas-dev pkg-config openssl curl)
if [ "$want_servers" = 1 ]; then
    packages+=(dovecot-core dovecot-imapd dovecot-lmtpd postfix postgresql python3 chromium fonts-wqy-zenhei)
fi

is_installed() {
    local status
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
    [ "$status" = "install ok installed" ]
}

missing=()
for p in "${packages[@]}"; do
    is_installed "$p" || missing+=("$p")
done

model_status=0
if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps.sh: all packages present (${packages[*]})"
    "$(dirname "$0")/install-model.sh" || model_status=$?
    exit "$model_status"
fi

echo "install-deps.sh: missing: ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
    echo "install-deps.sh: not root; run:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
export NEEDRESTART_MODE=a

# Postfix asks which mail setup to use; "No configuration" leaves /etc/postfix alone.
if printf '%s\n' "${missing[@]}" | grep -qx postfix; then
    if command -v debconf-set-selections >/dev/null 2>&1; then
        echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    fi
fi

# Keep maintainer scripts from starting system daemons (no systemd as PID 1
# here, and we run our own instances). policy-rc.d exit 101 = "action forbidden".
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    created_policy=1
fi
cleanup() {
    if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
}
trap cleanup EXIT

apt_opts=(-y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
apt-get update -q < /dev/null
apt-get install "${apt_opts[@]}" "${missing[@]}" < /dev/null

# If a system daemon got started anyway, stop it: it must not hold ports or
# files the private test instances use.
if [ "$want_servers" = 1 ]; then
    if [ -f /var/run/dovecot/master.pid ] && kill -0 "$(cat /var/run/dovecot/master.pid)" 2>/dev/null; then
        echo "install-deps.sh: stopping system dovecot"
        doveadm -c /etc/dovecot/dovecot.conf stop < /dev/null > /dev/null 2>&1 || \
            kill "$(cat /var/run/dovecot/master.pid)" 2>/dev/null || true
    fi
    if [ -f /var/spool/postfix/pid/master.pid ]; then
        pid=$(tr -d ' ' < /var/spool/postfix/pid/master.pid)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            echo "install-deps.sh: stopping system postfix"
            postfix stop < /dev/null > /dev/null 2>&1 || kill "$pid" 2>/dev/null || true
        fi
    fi
fi

still=()
for p in "${missing[@]}"; do
    is_installed "$p" || still+=("$p")
done
if [ "${#still[@]}" -ne 0 ]; then
    echo "install-deps.sh: failed to install: ${still[*]}" >&2
    exit 1
fi
echo "install-deps.sh: installed ${missing[*]}"
"$(dirname "$0")/install-model.sh"
