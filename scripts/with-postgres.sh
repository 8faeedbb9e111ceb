#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster for the tests: `bash scripts/with-postgres.sh CMD...`.
#
# When PostgreSQL binaries exist (on the PATH, `pg_config --bindir`, or Debian's /usr/lib/postgresql/N/bin),
# this creates a cluster in a temporary directory on a free 127.0.0.1 port, exports its admin URL as
# CAREERBOT_TEST_PG_URL, runs CMD, and always stops and removes the cluster, exiting with CMD's status.
# Without binaries, or when CAREERBOT_TEST_PG_URL is already set (a server of your own), it just runs CMD.
# initdb refuses to run as root: as root the cluster belongs to the `postgres` user. The server only
# needs its temporary directory, never the checkout (which may sit under a private 0700 directory).
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-postgres.sh CMD [ARGS...]" >&2
  exit 2
fi

if [ -n "${CAREERBOT_TEST_PG_URL:-}" ]; then
  exec "$@"
fi

find_bindir() {
  local dir
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  fi
  # Debian and Ubuntu: the newest installed major version.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! bindir="$(find_bindir)"; then
  echo "with-postgres: no PostgreSQL binaries found (initdb, pg_ctl); running without PostgreSQL" >&2
  exec "$@"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/careerbot-pg.XXXXXX")" || exit 1
# As root, run the server tools as the postgres user (created by Debian's postgresql package).
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root and there is no postgres user to own the cluster; running without PostgreSQL" >&2
    rm -rf "$tmp"
    exec "$@"
  fi
  chown postgres: "$tmp"
  if command -v runuser >/dev/null 2>&1; then as_owner=(runuser -u postgres --); else as_owner=(su_postgres); fi
fi
su_postgres() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }

# The server tools run from the temporary directory: the caller's working directory may be unreadable to them.
pg() { (cd "$tmp" && "${as_owner[@]}" "$@"); }

stop_cluster() {
  if [ -f "$tmp/data/postmaster.pid" ]; then
    pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$tmp/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres: "$tmp/pwfile"
mkdir -p "$tmp/socket"
[ "$(id -u)" -eq 0 ] && chown postgres: "$tmp/socket"

if ! pg "$bindir/initdb" -D "$tmp/data" -U postgres --pwfile="$tmp/pwfile" --auth=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 --no-sync >"$tmp/initdb.log" 2>&1; then
  echo "with-postgres: initdb failed:" >&2
  cat "$tmp/initdb.log" >&2
  exit 1
fi
rm -f "$tmp/pwfile"

# A free port can be taken between the check and the start: try a few.
started=""
for _ in 1 2 3 4 5; do
  port="$(free_port)"
  # Durability settings off: the cluster is thrown away after the run.
  if pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$tmp/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1; then
    started=yes
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres: the PostgreSQL server did not start:" >&2
  tail -n 20 "$tmp/server.log" >&2
  exit 1
fi

export CAREERBOT_TEST_PG_URL="postgres://postgres:$password@127.0.0.1:$port/postgres"
echo "with-postgres: throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

"$@"
status=$?
exit "$status"
