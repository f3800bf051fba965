# shellcheck shell=bash
# A throwaway PostgreSQL server for the test suite: a fresh cluster in a temporary folder, on
# loopback only, on a free port, stopped and deleted when the calling script exits.
# Source it and call `start_test_postgres`; it exports CAPAIAN_TEST_PG_URL.

start_test_postgres() {
  local bin port dir owner
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    echo "PostgreSQL tidak terpasang; uji PostgreSQL tidak dapat dijalankan." >&2
    return 1
  fi
  dir=$(mktemp -d /tmp/capaian-pg.XXXXXX)
  owner=""
  if [ "$(id -u)" = 0 ]; then
    owner=postgres   # the server refuses to run as root
    chown "$owner" "$dir"
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  _pg() { if [ -n "$owner" ]; then su "$owner" -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  _pg "'$bin/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 --no-locale >'$dir/initdb.log' 2>&1" || {
    cat "$dir/initdb.log" >&2; return 1; }
  _pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null" || {
    cat "$dir/server.log" >&2; return 1; }
  _pg "'$bin/createdb' -h 127.0.0.1 -p $port -U postgres capaian_test"
  export CAPAIAN_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/capaian_test"
  # Values are expanded now: the trap runs after this function's locals are gone.
  local stop="'$bin/pg_ctl' -D '$dir/data' -m immediate stop >/dev/null 2>&1"
  if [ -n "$owner" ]; then stop="su $owner -s /bin/sh -c \"$stop\""; fi
  # shellcheck disable=SC2064
  trap "$stop; rm -rf '$dir'" EXIT
  echo "PostgreSQL uji berjalan di 127.0.0.1:$port"
}
