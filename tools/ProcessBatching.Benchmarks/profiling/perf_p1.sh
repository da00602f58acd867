#!/usr/bin/env bash
# CPU profile of the service during a P1, by Linux perf (JIT-compiled frames resolved by the perf map).
# Usage: tools/ProcessBatching.Benchmarks/profiling/perf_p1.sh OUT_DIR [PROCESSES] [SECONDS_AFTER_BUSY]
# Then: perf report -i OUT_DIR/perf.data --no-children --sort comm,dso --stdio -g none
# W^X is turned off for the profiled service only, so that perf maps its code; never in production.
set -euo pipefail
out=$1; processes=${2:-5000}; after=${3:-40}
cd "$(dirname "$0")/../../.."
source deploy/env.sh
mkdir -p "$out"
dll=src/ProcessBatching.Service/bin/Release/net10.0/ProcessBatching.Service.dll
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  dotnet run -c Release --no-build --project tools/ProcessBatching.Benchmarks -- --only p1 --sizes "p1=$processes" --timeout 600 \
  > "$out/bench.log" 2>&1 &
bench=$!
pid=""
for _ in $(seq 1 60); do sleep 1; pid=$(pgrep -f "^dotnet .*$dll" | head -1 || true); [ -n "$pid" ] && break; done
[ -n "$pid" ] || { echo "the service did not start"; exit 1; }
ticks() { awk '{print $14+$15}' "/proc/$pid/stat"; }
# Past start-up (three quiet seconds), then until the first batch makes it busy.
prev=$(ticks); quiet=0
for _ in $(seq 1 180); do
  sleep 1; now=$(ticks); delta=$((now - prev)); prev=$now
  if [ "$quiet" -lt 3 ]; then if [ "$delta" -lt 20 ]; then quiet=$((quiet + 1)); else quiet=0; fi
  elif [ "$delta" -gt 50 ]; then break; fi
done
sleep "$after"
perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep 15 > "$out/perf.log" 2>&1
wait "$bench"
perf report -i "$out/perf.data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20
