#!/usr/bin/env bash
# Installs (if missing) and starts PostgreSQL and RabbitMQ on a Debian machine without
# systemd or Docker, then creates the development role and database. Idempotent: when
# both already answer it returns in about a second. Run as root.
set -euo pipefail

PG_ROLE="${PG_ROLE:-processbatching}"
PG_PASSWORD="${PG_PASSWORD:-processbatching}"
PG_DATABASE="${PG_DATABASE:-processbatching}"

log() { printf '[local-services] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    # The packages' maintainer scripts try to start the daemons; without systemd that fails
    # harmlessly, and we start them ourselves below.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

pg_version() { ls /usr/lib/postgresql | sort -V | tail -1; }

start_postgres() {
  local version; version="$(pg_version)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    log "creating PostgreSQL $version cluster"
    as_root pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster "$version" main start
  fi
  for _ in $(seq 1 60); do
    as_root su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432" && break
    sleep 0.5
  done
  as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qAt" <<SQL >/dev/null
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE')\gexec
-- Tests and the benchmark drop their own databases WITH (FORCE); an autovacuum worker busy in one
-- can only be ended by a member of pg_signal_backend.
GRANT pg_signal_backend TO $PG_ROLE;
SQL
}

rabbit_up() { as_root rabbitmqctl -q status >/dev/null 2>&1; }

start_rabbitmq() {
  if rabbit_up; then return; fi
  as_root rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
  log "starting RabbitMQ"
  as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do
    if as_root rabbitmqctl -q await_startup >/dev/null 2>&1; then return; fi
    sleep 1
  done
  log "RabbitMQ did not start"; exit 1
}

install_missing
start_postgres
start_rabbitmq
log "PostgreSQL on 127.0.0.1:5432 (database $PG_DATABASE), RabbitMQ on 127.0.0.1:5672, management UI on http://127.0.0.1:15672 (guest/guest)"
