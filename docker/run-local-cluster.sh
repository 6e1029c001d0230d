#!/usr/bin/env bash
# The scale-out topology of docker/compose.yaml without Docker: two api processes sharing the
# local PostgreSQL and Redis. Put a sticky load balancer in front yourself if you need one
# (docker/nginx.conf with api1/api2 replaced by 127.0.0.1:3001/3002).
#
#   npm run scale:local            # or: bash docker/run-local-cluster.sh
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on 127.0.0.1:6379.
# Environment (all optional):
#   JWT_SECRET   shared by both processes; default: generated once, kept in $DATA_DIR/jwt-secret
#   DATA_DIR     shared uploads folder; default ./data/cluster
#   PORTS        default "3001 3002"
#   SKIP_BUILD=1 reuse the existing dist/
#   HEALTH_TIMEOUT seconds to wait for each process; default 90
# Ctrl-C (or SIGTERM) stops both processes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

DB_NAME=convergo_cluster
PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB_NAME}"
export REDIS_URL=redis://127.0.0.1:6379
export NODE_ENV="${NODE_ENV:-production}"
export DATA_DIR="${DATA_DIR:-./data/cluster}"
read -r -a PORT_LIST <<<"${PORTS:-3001 3002}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-90}"

log() { printf '[cluster] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- prerequisites -----------------------------------------------------------------------
pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not answer on 127.0.0.1:5432"
[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null || true)" = PONG ] ||
  die "Redis does not answer on 127.0.0.1:6379 (start it: redis-server --daemonize yes)"

# --- build once --------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building (npm run build)"
  npm run build
fi
[ -f dist/apps/api/src/main.js ] || die "dist/apps/api/src/main.js is missing: run npm run build"

# --- database ----------------------------------------------------------------------------
if [ "$(psql "$PG_ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" != 1 ]; then
  log "creating database ${DB_NAME}"
  psql "$PG_ADMIN_URL" -q -c "CREATE DATABASE ${DB_NAME}"
fi

# --- shared secret -----------------------------------------------------------------------
# Both processes must verify each other's tokens. Keep the generated secret where the app
# itself would keep it, so tokens survive a restart of the cluster.
mkdir -p "$DATA_DIR"
if [ -z "${JWT_SECRET:-}" ]; then
  if [ ! -s "$DATA_DIR/jwt-secret" ]; then
    (umask 077 && openssl rand -hex 32 >"$DATA_DIR/jwt-secret")
  fi
  JWT_SECRET="$(tr -d '\n' <"$DATA_DIR/jwt-secret")"
fi
export JWT_SECRET

# --- processes ---------------------------------------------------------------------------
PIDS=()

# shellcheck disable=SC2317 # called from traps
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.2
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}

# shellcheck disable=SC2317 # called from traps
on_signal() {
  trap - INT TERM
  log "stopping"
  stop_all
  exit 0
}
trap on_signal INT TERM
trap stop_all EXIT

health_ok() {
  curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/api/v1/health" 2>/dev/null
}

# Start one at a time: the first runs the migrations (and the demo loader on an empty
# database) before the second opens the same database.
for index in "${!PORT_LIST[@]}"; do
  port="${PORT_LIST[$index]}"
  name="api$((index + 1))"
  log "starting ${name} on port ${port}"
  PORT="$port" HOST=127.0.0.1 node dist/apps/api/src/main.js > >(sed -u "s/^/[${name}] /") 2>&1 &
  pid=$!
  PIDS+=("$pid")
  deadline=$((SECONDS + HEALTH_TIMEOUT))
  until health_ok "$port"; do
    kill -0 "$pid" 2>/dev/null || die "${name} exited during start-up (see its output above)"
    [ "$SECONDS" -lt "$deadline" ] || die "${name} did not answer /api/v1/health within ${HEALTH_TIMEOUT}s"
    sleep 0.5
  done
  log "${name} is healthy"
done

log "cluster ready (Ctrl-C to stop):"
for port in "${PORT_LIST[@]}"; do
  log "  http://localhost:${port}/   API http://localhost:${port}/api/v1   docs http://localhost:${port}/api/docs"
done

# Runs until Ctrl-C, or until one process dies: then the other is stopped too.
set +e
wait -n "${PIDS[@]}"
status=$?
set -e
log "a process exited (status ${status}); stopping the cluster"
exit "$status"
