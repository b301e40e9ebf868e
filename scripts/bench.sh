#!/usr/bin/env bash
# `make bench`: start the test mail servers, print maildesk-bench JSON figures, stop the servers;
# then the same full parse through GMime 3 and Python's `email` package, back to back, on the MIME
# corpus in the repository (fixtures/corpus/mime) and a synthetic mbox (bench/make-mbox.py, 200 MB unless BENCH_MBOX_MB says otherwise).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
export MAILSERVERS_DIR="${MAILSERVERS_DIR:-$repo/.mailservers}"
export MAILDESK_TEST_SERVERS="$MAILSERVERS_DIR"
corpus="$repo/fixtures/corpus/mime"
mbox="$repo/.build/bench.mbox"
bench=.build/release/maildesk-bench

trap 'scripts/mailservers.sh stop >/dev/null 2>&1 || true' EXIT
scripts/mailservers.sh start >/dev/null
echo "ingest (${BENCH_MESSAGES:-1000} mails through the test Dovecot):"
"$bench" ingest --messages "${BENCH_MESSAGES:-1000}"
scripts/mailservers.sh stop >/dev/null
echo "prepare (parse and reply trimming of the same generated mails, one thread):"
"$bench" prepare
echo "kb-search (10,000 generated articles):"
"$bench" kb-search

if ! pkg-config --exists gmime-3.0; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgmime-3.0-dev >/dev/null
  else echo "install libgmime-3.0-dev for the GMime comparison" >&2; fi
fi
gcc -O2 bench/gmime-parse.c -o .build/gmime-parse $(pkg-config --cflags --libs gmime-3.0)
[ -f "$mbox" ] || python3 bench/make-mbox.py "$mbox" "${BENCH_MBOX_MB:-200}" >/dev/null

for input in "$corpus" "$mbox"; do
  echo "parse $(basename "$input"):"
  printf '  maildesk: '; "$bench" parse "$input" --rounds 3
  printf '  maildesk --structure-only: '; "$bench" parse "$input" --rounds 3 --structure-only
  printf '  gmime:    '; .build/gmime-parse "$input" --rounds 3
  printf '  python:   '; python3 bench/python-email-parse.py "$input"
done
