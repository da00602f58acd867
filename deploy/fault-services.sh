#!/usr/bin/env bash
# The fault suite's own PostgreSQL cluster and RabbitMQ node, on other ports than the development
# services (deploy/local-services.sh), so the suite can restart them without touching anyone else's.
#
#   deploy/fault-services.sh start                  create if missing, start, wait until both answer
#   deploy/fault-services.sh stop                   stop both
#   deploy/fault-services.sh postgres-restart       restart the cluster (what the suite's faults call)
#   deploy/fault-services.sh rabbit-stop-app|rabbit-start-app
#   deploy/fault-services.sh rabbit-purge <vhost> <queue>   by hand (the suite purges over AMQP, which counts what it lost)
#
# PostgreSQL: Debian cluster "faults" on $FAULTS_PG_PORT (5433), role processbatching.
# RabbitMQ: node faults@localhost on $FAULTS_AMQP_PORT (5673), management on 15673, distribution on 25673.
# The ports may be changed for manual use; tools/ProcessBatching.Faults expects the defaults.
# Run as root (the daemons run as their own users, as Debian's scripts do).
set -euo pipefail

PG_PORT="${FAULTS_PG_PORT:-5433}"
PG_CLUSTER=faults
PG_ROLE="${PG_ROLE:-processbatching}"
PG_PASSWORD="${PG_PASSWORD:-processbatching}"
AMQP_PORT="${FAULTS_AMQP_PORT:-5673}"
MANAGEMENT_PORT="${FAULTS_MANAGEMENT_PORT:-15673}"
NODE=faults@localhost
RABBIT_BASE=/var/lib/rabbitmq/faults

log() { printf '[fault-services] %s\n' "$*" >&2; }

pg_version() { ls /usr/lib/postgresql | sort -V | tail -1; }

pg_ready() { su postgres -c "pg_isready -q -h 127.0.0.1 -p $PG_PORT"; }

wait_postgres() {
  for _ in $(seq 1 120); do pg_ready && return 0; sleep 0.5; done
  log "PostgreSQL $PG_CLUSTER did not answer on $PG_PORT"; return 1
}

start_postgres() {
  local version; version="$(pg_version)"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version $PG_CLUSTER$"; then
    log "creating PostgreSQL $version cluster $PG_CLUSTER on port $PG_PORT"
    # Small and fast to restart: the suite's databases are thrown away, durability is not under test.
    pg_createcluster "$version" "$PG_CLUSTER" -p "$PG_PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
    pg_ctlcluster "$version" "$PG_CLUSTER" start
  fi
  wait_postgres
  su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qAt" <<SQL >/dev/null
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
GRANT pg_signal_backend TO $PG_ROLE;
SQL
}

restart_postgres() {
  # Fast shutdown: clients are disconnected at once, as when a database fails over.
  pg_ctlcluster "$(pg_version)" "$PG_CLUSTER" restart -m fast
  wait_postgres
}

stop_postgres() { pg_ctlcluster "$(pg_version)" "$PG_CLUSTER" stop -m fast || true; }

# Down for a while, as in a fail-over that takes longer than any in-process retry.
outage_postgres() {
  pg_ctlcluster "$(pg_version)" "$PG_CLUSTER" stop -m fast
  sleep "$1"
  pg_ctlcluster "$(pg_version)" "$PG_CLUSTER" start
  wait_postgres
}

# Every rabbitmq command sees the same node settings; Debian's wrappers switch to the rabbitmq user
# with `su` (no login), which keeps these variables.
rabbit_env() {
  export RABBITMQ_NODENAME="$NODE"
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT=25673
  export RABBITMQ_MNESIA_BASE="$RABBIT_BASE/mnesia"
  export RABBITMQ_LOG_BASE="$RABBIT_BASE/log"
  export RABBITMQ_PID_FILE="$RABBIT_BASE/faults.pid"
  export RABBITMQ_CONFIG_FILE="$RABBIT_BASE/rabbitmq"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_BASE/enabled_plugins"
}

rabbit_ctl() { rabbit_env; rabbitmqctl -n "$NODE" "$@"; }

wait_rabbit() {
  for _ in $(seq 1 120); do
    rabbit_ctl -q await_startup >/dev/null 2>&1 && return 0
    sleep 1
  done
  log "RabbitMQ node $NODE did not start"; return 1
}

start_rabbit() {
  if rabbit_ctl -q status >/dev/null 2>&1; then
    rabbit_ctl -q start_app >/dev/null 2>&1 || true
    wait_rabbit; return
  fi
  mkdir -p "$RABBIT_BASE/mnesia" "$RABBIT_BASE/log"
  cat >"$RABBIT_BASE/rabbitmq.conf" <<CONF
listeners.tcp.default = $AMQP_PORT
management.tcp.port = $MANAGEMENT_PORT
management.tcp.ip = 127.0.0.1
loopback_users = none
CONF
  echo '[rabbitmq_management].' >"$RABBIT_BASE/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$RABBIT_BASE"
  log "starting RabbitMQ node $NODE on $AMQP_PORT (management $MANAGEMENT_PORT)"
  rabbit_env
  rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_rabbit
}

stop_rabbit() { rabbit_ctl -q stop >/dev/null 2>&1 || true; }

case "${1:-start}" in
  start) start_postgres; start_rabbit
         log "PostgreSQL on 127.0.0.1:$PG_PORT, RabbitMQ on 127.0.0.1:$AMQP_PORT (management $MANAGEMENT_PORT)" ;;
  stop) stop_rabbit; stop_postgres ;;
  postgres-restart) restart_postgres ;;
  postgres-outage) outage_postgres "${2:-15}" ;;
  rabbit-stop-app) rabbit_ctl -q stop_app ;;
  rabbit-start-app) rabbit_ctl -q start_app; wait_rabbit ;;
  rabbit-purge) rabbit_ctl -q purge_queue -p "$2" "$3" ;;
  *) log "usage: $0 start|stop|postgres-restart|postgres-outage [seconds]|rabbit-stop-app|rabbit-start-app|rabbit-purge <vhost> <queue>"; exit 2 ;;
esac
