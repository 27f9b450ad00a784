# Throwaway PostgreSQL and Redis servers on free loopback ports, for tests and benchmarks.
# Source this file, call start_services, and stop_services when done (test.sh does it in an EXIT trap).
# Exports COCKPIT_TEST_POSTGRES_URL (a non-superuser role, so row-level security applies) and COCKPIT_TEST_REDIS_URL.

# A port nothing listens on, below Linux's ephemeral range (32768 and up), where an outgoing connection's local port
# could make a later bind fail even though nothing listens there.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_services() {
  SERVICES_DIR=$(mktemp -d /tmp/cockpit-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -x "$pgbin/initdb" ]] || { echo "services: PostgreSQL server binaries not found (scripts/setup.sh --test)" >&2; return 1; }
  mkdir -p "$SERVICES_DIR/pg"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$SERVICES_DIR/pg"
  PG_PORT=$(free_port)
  as_postgres "$pgbin/initdb" -D "$SERVICES_DIR/pg/data" -U postgres -A trust -E UTF8 --no-sync >"$SERVICES_DIR/pg/initdb.log" 2>&1 \
    || { cat "$SERVICES_DIR/pg/initdb.log" >&2; return 1; }
  as_postgres "$pgbin/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" \
    start >/dev/null || { cat "$SERVICES_DIR/pg/server.log" >&2; return 1; }
  PG_BIN=$pgbin
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE cockpit LOGIN CREATEDB" -c "CREATE DATABASE cockpit_test OWNER cockpit" >/dev/null
  export COCKPIT_TEST_POSTGRES_URL="postgres://cockpit@127.0.0.1:$PG_PORT/cockpit_test"

  if command -v redis-server >/dev/null; then
    REDIS_PORT=$(free_port)
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$SERVICES_DIR/redis.pid" --dir "$SERVICES_DIR" --logfile "$SERVICES_DIR/redis.log" >/dev/null
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
    export COCKPIT_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  fi
  echo "services: PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:${REDIS_PORT:-none} ($SERVICES_DIR)" >&2
}

stop_services() {
  [[ -n "${SERVICES_DIR:-}" && -d "$SERVICES_DIR" ]] || return 0
  if [[ -n "${PG_BIN:-}" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -f "$SERVICES_DIR/redis.pid" ]]; then
    kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$SERVICES_DIR"
}
