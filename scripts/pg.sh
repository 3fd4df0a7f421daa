#!/usr/bin/env bash
# A private PostgreSQL server for the test suite, with no Docker and no system service:
# a cluster under var/pg/, a unix socket in var/pg/run and a loopback TCP port.
#
#   scripts/pg.sh start   initdb if needed, start if not running, create the database
#   scripts/pg.sh url     start (idempotent), then print the DATABASE_URL
#   scripts/pg.sh stop    stop the server this script started (nothing else)
#   scripts/pg.sh status  exit 0 when the server is running
#
# Environment: ARCHIVE_PG_PORT (54329), ARCHIVE_PG_DIR (var/pg), ARCHIVE_PG_DB (archive),
# ARCHIVE_PG_USER (archive), ARCHIVE_PG_BINDIR (found automatically).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${ARCHIVE_PG_PORT:-54329}"
PG_DIR="${ARCHIVE_PG_DIR:-$ROOT/var/pg}"
DB_NAME="${ARCHIVE_PG_DB:-archive}"
DB_USER="${ARCHIVE_PG_USER:-archive}"
DATA="$PG_DIR/data"
RUN="$PG_DIR/run"
LOG="$PG_DIR/server.log"

log() { echo "pg.sh: $*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
    local dir
    if [[ -n "${ARCHIVE_PG_BINDIR:-}" ]]; then
        echo "$ARCHIVE_PG_BINDIR"
        return 0
    fi
    # Debian's pg_config lives in /usr/bin whatever the server version: prefer the
    # newest server directory, then pg_config, then whatever is on PATH.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
    done
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    return 1
}

install_postgres() {
    [[ "$(id -u)" == 0 ]] || die "no PostgreSQL server binaries found; install PostgreSQL (Debian: apt-get install postgresql) or set ARCHIVE_PG_BINDIR."
    command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL binaries and no apt-get: set ARCHIVE_PG_BINDIR."
    log "installing PostgreSQL with apt-get (one time)"
    # No system cluster: this script makes its own, and a container has no init system anyway.
    mkdir -p /etc/postgresql-common
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    # Keep the createcluster.conf written above rather than asking about it.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql >&2
}

BINDIR="$(find_bindir || true)"
if [[ -z "$BINDIR" ]]; then
    install_postgres
    BINDIR="$(find_bindir)" || die "PostgreSQL was installed but initdb/pg_ctl are still not found."
fi

# PostgreSQL refuses to run as root: as root, run the server as the `postgres` system user.
if [[ "$(id -u)" == 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    fi
    as_owner() {
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    }
else
    as_owner() { "$@"; }
fi

pg() { as_owner "$BINDIR/$1" "${@:2}"; }

is_running() {
    [[ -f "$DATA/postmaster.pid" ]] && pg pg_ctl -D "$DATA" status >/dev/null 2>&1
}

init_cluster() {
    mkdir -p "$PG_DIR" "$RUN"
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$PG_DIR" "$RUN"
        # The postgres user must be able to reach var/pg through the project's folders.
        local dir="$PG_DIR"
        while [[ "$dir" != "/" ]]; do
            dir="$(dirname "$dir")"
            chmod o+x "$dir" 2>/dev/null || true
        done
    fi
    [[ -f "$DATA/PG_VERSION" ]] && return 0
    log "creating a cluster in $DATA"
    # trust on the socket and loopback only: a throwaway test server, never listening outside.
    pg initdb -D "$DATA" -U "$DB_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
}

start_server() {
    init_cluster
    if ! is_running; then
        log "starting PostgreSQL on 127.0.0.1:$PORT (socket in $RUN)"
        pg pg_ctl -D "$DATA" -l "$LOG" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $RUN -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null || { tail -n 20 "$LOG" >&2; die "the server did not start"; }
    fi
    if ! pg psql -h "$RUN" -p "$PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
        pg createdb -h "$RUN" -p "$PORT" -U "$DB_USER" "$DB_NAME"
    fi
}

stop_server() {
    if is_running; then
        pg pg_ctl -D "$DATA" -m fast -w stop >/dev/null
        log "stopped"
    fi
}

case "${1:-}" in
    start) start_server ;;
    url)
        start_server
        echo "postgres://$DB_USER@127.0.0.1:$PORT/$DB_NAME"
        ;;
    stop) stop_server ;;
    status) is_running ;;
    *)
        echo "usage: $0 start|stop|url|status" >&2
        exit 2
        ;;
esac
