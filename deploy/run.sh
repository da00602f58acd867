#!/usr/bin/env bash
# Runs the whole system: PostgreSQL and RabbitMQ (installed and started if missing), the schema
# migrations, then the service on http://127.0.0.1:5080.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/env.sh

deploy/local-services.sh
dotnet run -c Release --project src/ProcessBatching.Service -- migrate

# The service stops itself with exit code 75 when a consumer of its stays wedged beyond healing
# (README: Health and the consumer watchdog); start it again, as an orchestrator would.
while true; do
  status=0
  dotnet run -c Release --no-build --project src/ProcessBatching.Service || status=$?
  [ "$status" -eq 75 ] || exit "$status"
  echo "[run] the service stopped itself to be started again" >&2
done
