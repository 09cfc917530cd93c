# Sourced by the bench scripts: a throw-away PostgreSQL 15 server for one run.
# In: PGBIN, PGPORT, PGDATA. Out: pg_init (initdb once), pg_start, pg_stop, as_pg, and PG* for psql/pgbench.

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_init() {
  if [ ! -d "$PGDATA" ]; then
    mkdir -p "$PGDATA" && chown postgres "$PGDATA" 2>/dev/null || true
    echo postgres > /tmp/plinth-bench-pwfile && chmod 644 /tmp/plinth-bench-pwfile
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile=/tmp/plinth-bench-pwfile -A md5 >/dev/null
    cat >> "$PGDATA/postgresql.conf" <<CONF
port = $PGPORT
listen_addresses = 'localhost'
unix_socket_directories = '/tmp'
max_connections = 300
shared_buffers = 512MB
CONF
  fi
}

pg_start() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "${PGLOG:-/tmp/plinth-bench-pg.log}" -w start >/dev/null; }

pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null || true; }

# The EXIT trap of a bench script: stop the harness (HARNESS_PID; its shutdown hook stops its children), then
# any child whose pid file is still in PIDDIR (the devstack launcher keeps <name>.pid there while a child runs;
# the harness passes BENCH_RUN_DIR=$PIDDIR) and whose command line still matches JARS (a harness killed hard;
# no pid reuse), then PostgreSQL.
bench_cleanup() {
  if [ -n "${HARNESS_PID:-}" ] && kill -0 "$HARNESS_PID" 2>/dev/null; then
    kill -TERM "$HARNESS_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$HARNESS_PID" 2>/dev/null || break; sleep 1; done
  fi
  for file in "$PIDDIR"/*.pid; do
    [ -f "$file" ] || continue
    pid=$(cat "$file")
    if { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -qE "$JARS"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$PIDDIR"
  pg_stop
}

export PGHOST=localhost PGPORT PGUSER=postgres PGPASSWORD=postgres
