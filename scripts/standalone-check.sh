#!/usr/bin/env bash
# Proves that the tests need nothing outside the repository: clones the committed HEAD into a fresh,
# empty temporary directory (so no corpus or any other folder sits beside the clone) and there runs the
# suites that read fixtures/corpus with CI=true: MIME corpus conformance and mutations, reply trimming,
# delivery-status reports and the Bitext classification floors. Passes when they pass AND each printed
# how many fixtures it read; ends with one line, e.g.
#   standalone check: ok (14 tests, 197 MIME messages, 64 replies, 810 Bitext test rows, 5 DSN reports) in 412 s
# It is a whole second debug build (several minutes on 2 cores). Only committed files are checked:
# commit first. The clone is removed afterwards; on failure the end of the test log is printed.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
filter='CorpusConformanceTests|RobustnessTests|ReplyTrimmerCorpusTests|DeliveryStatusReportTests|BitextConformanceTests'
start=$(date +%s)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "standalone check: FAILED: $*" >&2
  [ -f "$tmp/test.log" ] && { echo "--- last lines of the test log:" >&2; tail -n 60 "$tmp/test.log" >&2; }
  exit 1
}

git clone -q --no-local "$repo" "$tmp/maildesk" || fail "git clone of $repo"
clone="$tmp/maildesk"
[ "$(ls -A "$tmp")" = "maildesk" ] || fail "$tmp holds more than the clone"
# Package.resolved is not tracked: use the working tree's, so both builds resolve the same versions.
[ -f "$repo/Package.resolved" ] && cp "$repo/Package.resolved" "$clone/"

cd "$clone" || fail "cd $clone"
echo "standalone check: $(git log -1 --format='%h %s' | cut -c1-80) in $clone"
env -u MAILDESK_CORPUS CI=true swift test -j 2 --filter "$filter" > "$tmp/test.log" 2>&1
rc=$?
seconds=$(( $(date +%s) - start ))
[ "$rc" -eq 0 ] || fail "swift test exited $rc after ${seconds} s"

# The fixture counts the suites print (each suite also asserts its exact count).
count() { sed -n "s#$1#\\1#p" "$tmp/test.log" | head -n 1; }
mime=$(count '^CorpusConformance: read \([0-9]*\) messages from fixtures/corpus/mime.*')
mutated=$(count '^RobustnessTests: mutated \([0-9]*\) messages from fixtures/corpus/mime.*')
replies=$(count '^ReplyTrimmerCorpus: read \([0-9]*\) replies .*from fixtures/corpus/replies/email_reply_trimmer.*')
bitext=$(count '^BitextConformance (intent): read [0-9]* training and \([0-9]*\) test rows from fixtures/corpus/intents/bitext.*')
bitextCategory=$(count '^BitextConformance (category): read [0-9]* training and \([0-9]*\) test rows from fixtures/corpus/intents/bitext.*')
dsn=$(count '^DeliveryStatusReport: read \([0-9]*\) reports from fixtures/corpus/mime/enmime/dsn.*')
tests=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*passed.*/\1/p' "$tmp/test.log" | head -n 1)
for v in mime mutated replies bitext bitextCategory dsn; do
  [ -n "${!v}" ] && [ "${!v}" -gt 0 ] || fail "no fixture count line for $v in the test output"
done
[ -n "$tests" ] && [ "$tests" -gt 0 ] || fail "no 'Test run with N tests … passed' line"
grep -q '^✘' "$tmp/test.log" && fail "a test failed"
grep -E '^(CorpusConformance|RobustnessTests|ReplyTrimmerCorpus|DeliveryStatusReport|BitextConformance)[ :(]' "$tmp/test.log"
echo "standalone check: ok ($tests tests, $mime MIME messages, $replies replies, $bitext Bitext test rows, $dsn DSN reports) in ${seconds} s"
