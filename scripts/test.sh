#!/usr/bin/env bash
# `npm test`: makes this machine ready, builds the app, runs every suite, prints one summary line.
#
# On a fresh Debian 12 machine as root this installs what is missing (docker.io, docker-registry,
# busybox-static, chromium, …) and starts the private test engine; on a laptop it uses your engine
# and touches only what the tests create (see README). The last line is `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json

if [ "$(id -u)" = 0 ] && [ "$(uname -s)" = Linux ] && [ "${DW_TEST_ENGINE:-}" != user ]; then
  bash scripts/rig.sh provision || { echo "provisioning failed"; echo "0 passed, 1 failed"; exit 1; }
  # The second engine (Docker 26.1, containerd image store) runs beside the first where we may start
  # engines; DW_ENGINE2=0 leaves it out.
  export DW_ENGINE2="${DW_ENGINE2:-1}"
fi

# The e2e suite drives the built renderer, so build exactly what ships.
if ! npx electron-vite build >test-results/build.log 2>&1; then
  tail -n 40 test-results/build.log
  echo "0 passed, 1 failed"
  exit 1
fi

# Type-checking and lint are checks like any test: each counts once in the summary.
checks_passed=0
checks_failed=0
for check in typecheck lint; do
  if npm run -s "$check" >"test-results/$check.log" 2>&1; then
    checks_passed=$((checks_passed + 1))
  else
    checks_failed=$((checks_failed + 1))
    echo "npm run $check failed:"
    tail -n 30 "test-results/$check.log"
  fi
done

# Two files prune the whole engine (dangling images, the build cache). Run beside builds, they can
# take the snapshot of a classic build's step from under it (its intermediate images are dangling
# until the last step; seen on Docker 26.1's containerd store): they run alone, after the rest.
WHOLE_ENGINE=(test/integration/images.test.ts test/integration/mounts-and-disk.test.ts)
apart=()
[ $# -eq 0 ] && for file in "${WHOLE_ENGINE[@]}"; do apart+=(--exclude "$file"); done

npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "${apart[@]}" "$@"
status=$?
reports=("engine 1 (all suites)=test-results/vitest.json")
if [ $# -eq 0 ]; then
  rm -f test-results/vitest-alone.json
  npx vitest run --project integration "${WHOLE_ENGINE[@]}" \
    --reporter=default --reporter=json --outputFile.json=test-results/vitest-alone.json
  [ $? -eq 0 ] || status=1
  reports+=("engine 1 (whole-engine prunes, alone)=test-results/vitest-alone.json")
fi

# The matrix: the integration and e2e suites again, against the second engine (Docker 26.1 with the
# containerd image store). The two engine-2-only files already ran above. Sequential on purpose:
# both runs are CPU-bound on a 2-core machine, and the e2e suite stops its engine once.
if [ "${DW_ENGINE2:-0}" = 1 ] && [ $# -eq 0 ]; then
  rm -f test-results/vitest-engine2.json
  DW_TEST_TARGET=engine2 npx vitest run --project integration --project e2e \
    --exclude test/integration/builds-engine2.test.ts --exclude test/integration/engine2-rig.test.ts \
    "${apart[@]}" --reporter=default --reporter=json --outputFile.json=test-results/vitest-engine2.json
  [ $? -eq 0 ] || status=1
  reports+=("engine 2 (integration + e2e)=test-results/vitest-engine2.json")
  rm -f test-results/vitest-engine2-alone.json
  DW_TEST_TARGET=engine2 npx vitest run --project integration "${WHOLE_ENGINE[@]}" \
    --reporter=default --reporter=json --outputFile.json=test-results/vitest-engine2-alone.json
  [ $? -eq 0 ] || status=1
  reports+=("engine 2 (whole-engine prunes, alone)=test-results/vitest-engine2-alone.json")
fi

node scripts/summarize-tests.mjs "$checks_passed" "$checks_failed" "${reports[@]}"
summary_status=$?
[ $status -eq 0 ] && [ $summary_status -eq 0 ] && exit 0
exit 1
