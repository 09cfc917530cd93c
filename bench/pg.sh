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

export PGHOST=localhost PGPORT PGUSER=postgres PGPASSWORD=postgres
