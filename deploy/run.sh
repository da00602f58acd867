#!/usr/bin/env bash
# Runs the whole system: PostgreSQL and RabbitMQ (installed and started if missing), the schema
# migrations, then the service on http://127.0.0.1:5080.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/env.sh

deploy/local-services.sh
dotnet run -c Release --project src/ProcessBatching.Service -- migrate
exec dotnet run -c Release --no-build --project src/ProcessBatching.Service
