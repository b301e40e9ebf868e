#!/usr/bin/env bash
# Builds the libFuzzer target for the MIME parser and HTML → text with ASan and runs it briefly on
# the seed corpus in fuzz/corpus/mime, so the target keeps building and a crash fails CI.
# Longer runs: FUZZ_SECONDS=3600 scripts/fuzz-smoke.sh (new inputs go to a copy of the corpus).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
seconds="${FUZZ_SECONDS:-30}"
swift build --product fuzz-mime --sanitize=fuzzer --sanitize=address --scratch-path .build-fuzz -Xswiftc -DFUZZING
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r fuzz/corpus/mime "$work/corpus"
.build-fuzz/debug/fuzz-mime "$work/corpus" -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 \
  -timeout=30 -artifact_prefix="$repo/fuzz/" -print_final_stats=1 2>&1 | tail -n 12
echo "fuzz smoke: no crash in ${seconds}s"
