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
logs="$MAILSERVERS_DIR/test-logs"
mkdir -p "$logs"
swift test --skip-build --skip IntegrationTests 2>&1 | tee "$logs/unit.log" || status=1
swift test --skip-build --no-parallel --filter IntegrationTests 2>&1 | tee "$logs/integration.log" || status=1
if scripts/fuzz-smoke.sh > "$logs/fuzz.log" 2>&1; then
  tail -n 1 "$logs/fuzz.log"
else
  echo "fuzz smoke FAILED (reproducer saved under fuzz/):" >&2
  tail -n 40 "$logs/fuzz.log" >&2
  status=1
fi

# What `make install` ships (release binary with -static-stdlib, units, man page, completions):
# `systemd-analyze verify` on the installed units and their security figure (fails above 2.0).
install_ok=0
if scripts/verify-units.sh > "$logs/install.log" 2>&1; then
  install_ok=1
  grep -E "^verify: ok|^systemd-analyze security" "$logs/install.log"
else
  echo "install check FAILED:" >&2
  tail -n 30 "$logs/install.log" >&2
  status=1
fi

# Tests read test data from the repository only (fixtures/corpus): no path to a folder beside the clone
# in Tests, Sources, scripts or bench (comment lines aside: they may cite documents). One check.
paths_ok=0
if outside=$(grep -rnE '[.][.]/shared|shared[/]corpus|["]shared["]' Tests Sources scripts bench |
             grep -vE '^[^:]+:[0-9]+:[[:space:]]*(//|#)'); then
  echo "test data outside the repository FAILED: these lines read a path beside the clone:" >&2
  echo "$outside" >&2
  status=1
else
  paths_ok=1
  echo "test data paths: ok (no path outside the repository in Tests, Sources, scripts, bench)"
fi

# The corpus, trimming and classification suites in a fresh clone of HEAD with nothing beside it
# (CI=true): they pass and report how many fixtures they read. A second debug build, several minutes.
standalone_ok=0
if scripts/standalone-check.sh > "$logs/standalone.log" 2>&1; then
  standalone_ok=1
  tail -n 1 "$logs/standalone.log"
else
  echo "standalone check FAILED:" >&2
  tail -n 60 "$logs/standalone.log" >&2
  status=1
fi

# One closing line over everything (Swift Testing prints one summary per run; the fuzz smoke, the
# install check, the test-data path guard and the standalone check count as one each).
read -r total failed < <(cat "$logs/unit.log" "$logs/integration.log" | awk '
  /Test run with [0-9]+ tests?/ { for (i = 1; i <= NF; i++) if ($i == "with") total += $(i + 1) }
  /^✘ Test .* failed after/ && !/^✘ Test run with/ { failed++ }
  END { print total + 0, failed + 0 }')
passed=$((total - failed))
if grep -q "fuzz smoke: no crash" "$logs/fuzz.log" 2>/dev/null; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$install_ok" -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$paths_ok" -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$standalone_ok" -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$status" -ne 0 ]; then
  echo "some tests failed; mail server logs: $MAILSERVERS_DIR/logs" >&2
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
