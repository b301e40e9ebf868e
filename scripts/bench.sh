#!/usr/bin/env bash
# `make bench`: start the test mail servers, print maildesk-bench JSON figures, stop the servers.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
export MAILSERVERS_DIR="${MAILSERVERS_DIR:-$repo/.mailservers}"
export MAILDESK_TEST_SERVERS="$MAILSERVERS_DIR"
trap 'scripts/mailservers.sh stop >/dev/null 2>&1 || true' EXIT
scripts/mailservers.sh start >/dev/null
bench=.build/release/maildesk-bench
echo "ingest (1,000 mails):"; "$bench" ingest --messages "${BENCH_MESSAGES:-1000}"
echo "parse (shared MIME corpus + fixtures):"; "$bench" parse
