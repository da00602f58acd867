#!/usr/bin/env bash
# CPU profile of the service during a P1, by Linux perf (JIT-compiled frames resolved by the perf map).
# Usage: tools/ProcessBatching.Benchmarks/profiling/perf_p1.sh OUT_DIR [PROCESSES] [SECONDS_AFTER_WARM_UP]
# Records 15 s of the measured batch, SECONDS_AFTER_WARM_UP (default 10) after the warm-up batches ended.
# Then: perf report -i OUT_DIR/perf.data --no-children --sort comm,dso --stdio -g none
# W^X is turned off for the profiled service only, so that perf maps its code; never in production.
set -euo pipefail
out=$1; processes=${2:-5000}; after=${3:-10}
cd "$(dirname "$0")/../../.."
source deploy/env.sh
mkdir -p "$out"
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  dotnet run -c Release --no-build --project tools/ProcessBatching.Benchmarks -- --only p1 --sizes "p1=$processes" --timeout 600 \
  > "$out/bench.log" 2>&1 &
bench=$!
# The service this benchmark started: a descendant of it, not another run's service of the same build.
descendants() { local child; for child in $(pgrep -P "$1" || true); do echo "$child"; descendants "$child"; done; }
service() {
  local candidate
  for candidate in $(descendants "$bench"); do
    if tr '\0' ' ' < "/proc/$candidate/cmdline" 2>/dev/null | grep -q "ProcessBatching.Service.dll"; then echo "$candidate"; return; fi
  done
}
# The same service process for five seconds: a short-lived one (a migration run) does not count.
pid=""; seen=0
for _ in $(seq 1 120); do
  sleep 1; current=$(service)
  if [ -n "$current" ] && [ "$current" = "$pid" ]; then seen=$((seen + 1)); else pid=$current; seen=0; fi
  [ "$seen" -ge 5 ] && break
done
[ -n "$pid" ] || { echo "the service did not start"; exit 1; }
# The warm-up batches are reported when they are done; the measured batch starts after the queues settle.
for _ in $(seq 1 600); do grep -q "warm-up:" "$out/bench.log" && break; sleep 1; done
sleep "$after"
kill -0 "$pid" 2>/dev/null || { echo "the service ended before the profile; give more processes"; exit 1; }
perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep 15 > "$out/perf.log" 2>&1
wait "$bench"
perf report -i "$out/perf.data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20
