#!/usr/bin/env bash
# `make test`: start the private Dovecot + Postfix on loopback, run the whole test suite against them,
# and stop them again whatever happens (trap). Server output goes to files under .mailservers/logs,
# so no daemon keeps this script's stdout open.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
export MAILSERVERS_DIR="${MAILSERVERS_DIR:-$repo/.mailservers}"
export MAILDESK_TEST_SERVERS="$MAILSERVERS_DIR"
export MAILDESK_SHARED_CORPUS="${MAILDESK_SHARED_CORPUS:-$repo/../shared/corpus}"

trap 'scripts/mailservers.sh stop >/dev/null 2>&1 || true' EXIT
scripts/mailservers.sh start
swift build --build-tests
swift test --skip-build 2>&1 | tee "$MAILSERVERS_DIR/swift-test.log"
exit "${PIPESTATUS[0]}"
