#!/usr/bin/env bash
# Runs every test: sets up PostgreSQL and RabbitMQ first (installing them if missing), builds
# with warnings as errors, then runs the harness tests and the integration tests, then the quick
# benchmark (tools/ProcessBatching.Benchmarks) and the quick fault suite (tools/ProcessBatching.Faults).
# The last line counts the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/env.sh

deploy/local-services.sh

# The page specs drive Debian's Chromium through Playwright (`playwright install` cannot
# download a browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "[test] installing chromium" >&2
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
dotnet build ProcessBatching.sln -c Release -warnaserror

results="$(mktemp -d)"
status=0
dotnet test ProcessBatching.sln -c Release --no-build \
  --logger "trx" --results-directory "$results" "$@" || status=$?

# The quick benchmark, so it cannot rot: it prints figures and never judges them; it fails the run
# only if it crashes. Then the quick fault suite (docs/reliability.md), on PostgreSQL and RabbitMQ
# servers of its own: it fails the run when a batch does not end with its counts right. Both are
# skipped when arguments select a subset of the tests.
if [ $# -eq 0 ]; then
  dotnet run -c Release --no-build --project tools/ProcessBatching.Benchmarks -- --quick || status=$?
  dotnet run -c Release --no-build --project tools/ProcessBatching.Faults -- --quick || status=$?
fi

# The run's last lines: each failed test with the start of its message (the test output scrolled
# far above by now), then one line for the whole run, summed over every test assembly.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    root = ET.parse(path).getroot()
    counters = root.find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
    for result in root.findall(".//{*}UnitTestResult"):
        if result.get("outcome") in ("Failed", "Error", "Timeout"):
            message = result.find(".//{*}ErrorInfo/{*}Message")
            text = " ".join((message.text or "").split()) if message is not None else result.get("outcome")
            print(f"FAILED {result.get('testName')} ({result.get('duration')}): {text[:400]}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
