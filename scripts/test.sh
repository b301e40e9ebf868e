#!/usr/bin/env bash
# `make test`: start the private Dovecot + Postfix on loopback, run the whole test suite against them,
# and stop them again whatever happens (trap). Server output goes to files under .mailservers/logs,
# so no daemon keeps this script's stdout open.
#
# Unit suites run in parallel; the real-server suites run one test at a time (some stop and start
# Postfix, which would break a neighbour's send).
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
export MAILSERVERS_DIR="${MAILSERVERS_DIR:-$repo/.mailservers}"
export MAILDESK_TEST_SERVERS="$MAILSERVERS_DIR"

trap 'scripts/mailservers.sh stop >/dev/null 2>&1 || true' EXIT
scripts/mailservers.sh start || exit 1
swift build --build-tests || exit 1

status=0
swift test --skip-build --skip IntegrationTests || status=1
swift test --skip-build --no-parallel --filter IntegrationTests || status=1
if [ "$status" -ne 0 ]; then
  echo "some tests failed; mail server logs: $MAILSERVERS_DIR/logs" >&2
fi
exit "$status"
