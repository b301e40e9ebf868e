#!/usr/bin/env bash
# Builds the libFuzzer target for the MIME parser, HTML → text and reply trimming with ASan and runs it briefly on
# the seed corpus in fuzz/corpus/mime, so the target keeps building and a crash fails CI.
# Longer runs: FUZZ_SECONDS=3600 scripts/fuzz-smoke.sh (new inputs go to a copy of the corpus).
#
# Why not `--sanitize=fuzzer --sanitize=address`: swiftc forwards only its *last* `-sanitize=` option to
# the frontend, and SwiftPM turns the two into two such options in an order that changes from one
# `swift build` to the next (its sanitizers are a Set). With "address" last the Swift modules got ASan
# but no coverage (the "≈ 60 edges" builds: only BoringSSL, compiled by clang, was instrumented); with
# "fuzzer" last they got coverage but no ASan; and every change of order rebuilt everything. So SwiftPM
# gets one sanitizer (fuzzer: it also makes SwiftPM leave the target's entry point alone), swiftc one
# comma-joined option after SwiftPM's, and the C targets ASan through -Xcc. Same flags every time.
#
# It fails (exit 1) on a crash, and also when the build is not instrumented: the compiled objects of
# MailMIME, HelpdeskCore and fuzz-mime must carry SanitizerCoverage counters (section __sancov_cntrs) and ASan checks,
# and the run must start with at least 500 covered edges. Objects lacking either are rebuilt once.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
seconds="${FUZZ_SECONDS:-30}"
scratch="${FUZZ_SCRATCH:-.build-fuzz}"
build() {
  swift build --product fuzz-mime --sanitize=fuzzer --scratch-path "$scratch" \
    -Xswiftc -sanitize=address,fuzzer -Xcc -fsanitize=address -Xswiftc -DFUZZING
}
# Object files of our own modules without coverage counters or ASan checks (MailMIME.swiftmodule.o only
# wraps debug info).
uninstrumented() {
  local o
  for o in "$scratch"/debug/MailMIME.build/*.o "$scratch"/debug/HelpdeskCore.build/*.o "$scratch"/debug/fuzz_mime.build/*.o; do
    case "$o" in *.swiftmodule.o) continue ;; esac
    [ -e "$o" ] || { echo "$o"; continue; }
    # grep -c reads all of the output (grep -q could end the pipe early and fail it under pipefail).
    [ "$(readelf -SW "$o" | grep -c '__sancov_cntrs')" -gt 0 ] || { echo "$o"; continue; }
    [ "$(nm "$o" | grep -c '__asan_')" -gt 0 ] || echo "$o"
  done
}
build
missing="$(uninstrumented)"
if [ -n "$missing" ]; then
  echo "fuzz smoke: objects without coverage or ASan instrumentation, rebuilding them:" $missing >&2
  rm -f "$scratch"/debug/MailMIME.build/*.o "$scratch"/debug/HelpdeskCore.build/*.o "$scratch"/debug/fuzz_mime.build/*.o \
    "$scratch/debug/fuzz-mime"
  build
  missing="$(uninstrumented)"
  if [ -n "$missing" ]; then
    echo "fuzz smoke: FAILED still without coverage or ASan instrumentation:" $missing >&2
    exit 1
  fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r fuzz/corpus/mime "$work/corpus"
"$scratch/debug/fuzz-mime" "$work/corpus" -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 \
  -timeout=30 -artifact_prefix="$repo/fuzz/" -print_final_stats=1 > "$work/log" 2>&1 || { tail -n 40 "$work/log"; exit 1; }
grep -E "Loaded 1 modules|INITED|stat::number_of_executed_units|Done" "$work/log" || true
# A seed corpus of real mail covers ≈ 2,000 edges in an instrumented build; an uninstrumented MailMIME
# shows ≈ 60 (only fuzz-mime itself and BoringSSL's SHA-256). That is a failure, not a pass.
coverage=$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$work/log" | head -n 1)
if [ -z "$coverage" ] || [ "$coverage" -lt 500 ]; then
  echo "fuzz smoke: FAILED coverage ${coverage:-unknown} edges at start (expected ≈ 2,000) — the parser is not instrumented" >&2
  exit 1
fi
echo "fuzz smoke: no crash in ${seconds}s (${coverage} edges at start)"
