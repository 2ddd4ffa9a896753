#!/usr/bin/env bash
# `pnpm test`: every check and every test of the monorepo, in two lanes on two cores.
#
# Lane 1 is the browser tests (tests/e2e): real Chromium against the built app, one file at
# a time. They are the longest part of the run, and a browser file leaves a core partly
# idle while it waits on pages and sockets.
#
# Lane 2 runs meanwhile, one step at a time:
#   1. typecheck and lint of every package;
#   2. every package's own tests;
#   3. the tests package's Node-only files: clusters with redis-server, sentinel and nginx,
#      the translation engine, the load harness.
#
# The keyboard walk (e2e/keyboard-a11y) runs last, alone, after both lanes: it presses keys
# into lists that re-order live, and beside lane 2's typecheck it lost the race twice in one
# CI run (17.5 min with it in lane 1; about 1.5 min more alone).
#
# Two browser files at once were tried and dropped: each took twice as long, and time bounds
# that hold alone broke. This split keeps one browser at a time. The whole run took 28.6 min
# one package after another, which was over the 20-minute budget.
#
# Lane 2's output is printed after lane 1's, so the two never interleave. The exit code is
# non-zero if any step of either lane failed.
#
# The run ends with what failed, gathered from every step's output: a CI log is often read
# from its tail only, and a file whose beforeAll fails shows no failed test, only skipped
# ones, far up in lane 1.
set -u
cd "$(dirname "$0")/.."

turbo run build --output-logs=errors-only || exit 1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

(
  turbo run typecheck lint --concurrency=1 --continue
  checks=$?
  turbo run test --filter='!@jisr/tests' --concurrency=1 --continue
  units=$?
  pnpm --dir tests exec vitest run cluster/ bridge/ load/
  nodes=$?
  echo "typecheck and lint $checks, package tests $units, Node-only files $nodes" >"$logs/lane2-steps"
  [ "$checks" -eq 0 ] && [ "$units" -eq 0 ] && [ "$nodes" -eq 0 ]
) >"$logs/lane2" 2>&1 &
lane2=$!

started=$(date +%s)
pnpm --dir tests exec vitest run e2e/ --exclude '**/keyboard-a11y.test.ts' 2>&1 | tee "$logs/lane1"
browser=${PIPESTATUS[0]}
echo "--- lane 1 (browser tests) took $(( $(date +%s) - started )) s"
wait "$lane2"
others=$?
echo "--- lane 2 (typecheck, lint, every package's tests, the Node-only files of tests/), finished $(( $(date +%s) - started )) s after lane 1 started"
cat "$logs/lane2"
echo "--- last, alone: the keyboard walk"
pnpm --dir tests exec vitest run e2e/keyboard-a11y.test.ts 2>&1 | tee "$logs/keyboard"
keyboard=${PIPESTATUS[0]}

echo "--- exit codes: browser lane $browser; $(cat "$logs/lane2-steps" 2>/dev/null || echo "lane 2 $others"); keyboard walk $keyboard"
if [ "$browser" -ne 0 ] || [ "$others" -ne 0 ] || [ "$keyboard" -ne 0 ]; then
  echo "--- what failed (first lines of each failure; the whole story is above)"
  node scripts/what-failed.mjs "$logs/lane1" "$logs/lane2" "$logs/keyboard"
fi
[ "$browser" -eq 0 ] && [ "$others" -eq 0 ] && [ "$keyboard" -eq 0 ]
