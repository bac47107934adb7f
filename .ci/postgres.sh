#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL 15 for the tests.
#   .ci/postgres.sh start DIR   -> prints the database URL on stdout
#   .ci/postgres.sh stop DIR
# With PG_PASSWORD set, connections over TCP need that password (the URL printed has none).
# The tests' server does not sync its log (fsync=off, faster tests); PG_FSYNC=on makes it sync
# as a shop's server does (the benchmarks, which compare with SQLite at synchronous=FULL).
# The machines run as root and PostgreSQL refuses root, so the server runs as
# the `postgres` system user, listening on 127.0.0.1 only.
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?data directory}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if [ -n "${PG_PASSWORD:-}" ]; then
      # A server that asks for a password over TCP (scram-sha-256), as a shop's server does.
      printf '%s\n' "$PG_PASSWORD" >"$dir/pwfile" && chmod 600 "$dir/pwfile" && chown postgres "$dir/pwfile" 2>/dev/null || true
      auth=(--auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/pwfile")
    else
      auth=(--auth=trust)
    fi
    as_pg "$bin/initdb" -D "$dir/data" -U postgres "${auth[@]}" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    rm -f "$dir/pwfile"
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=${PG_FSYNC:-off} -c max_connections=200" start >/dev/null
    as_pg "$bin/createdb" -h "$dir" -p "$port" -U postgres loyalty_test
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/loyalty_test"
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
