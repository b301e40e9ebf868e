#!/usr/bin/env bash
# A private PostgreSQL cluster for maildesk's store tests: `initdb` in a throwaway directory, listening
# on 127.0.0.1 (an unprivileged port) and a Unix socket in that directory, password authentication for
# the role `maildesk`. Runs as the unprivileged `postgres` user when started as root (PostgreSQL refuses
# to run as root). Needs the server packages from `scripts/install-deps.sh --servers`.
#
#   scripts/postgres.sh start    wipe the state dir, initdb, start, create role and database, wait
#   scripts/postgres.sh stop     stop the cluster (never fails; safe in `trap ... EXIT`)
#   scripts/postgres.sh status   exit 0 if the server accepts connections
#
# State dir: $POSTGRES_DIR (default <repo>/.postgres); the port shifts by $MAILSERVERS_PORT_OFFSET like the
# mail servers. `start` writes $POSTGRES_DIR/postgres.env (KEY=VALUE lines: PG_HOST, PG_PORT, PG_USER,
# PG_PASSWORD, PG_DATABASE, PG_URL, PG_SOCKET_DIR, PG_PASSWORD_FILE) and prints its path.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$SCRIPT_DIR")
DIR=$(realpath -m "${POSTGRES_DIR:-$REPO/.postgres}")
OFFSET=${MAILSERVERS_PORT_OFFSET:-0}
HOST=127.0.0.1
PORT=$((15432 + OFFSET))
ROLE=maildesk
PASSWORD=maildesk-test-secret
DATABASE=maildesk
WAIT_SECONDS=30

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] && [ -x "$found/initdb" ] || die "no PostgreSQL server found under /usr/lib/postgresql (run scripts/install-deps.sh --servers)"
    echo "$found"
}

# Runs a server program as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

data_dir() { echo "$DIR/data"; }

stop() {
    local bin
    bin=$(bindir 2>/dev/null) || return 0
    if [ -f "$(data_dir)/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$(data_dir)" -m fast -w -t 20 stop >/dev/null 2>&1 || true
    fi
    return 0
}

status() {
    local bin
    bin=$(bindir)
    "$bin/pg_isready" -q -h "$HOST" -p "$PORT" -t 2
}

start() {
    local bin
    bin=$(bindir)
    stop
    rm -rf "$DIR"
    mkdir -p "$DIR/logs" "$DIR/socket"
    printf '%s\n' "$PASSWORD" > "$DIR/password"
    chmod 0600 "$DIR/password"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user (install postgresql-common)"
        # The path down to the state dir must be traversable by postgres.
        chmod o+x "$REPO" "$DIR" 2>/dev/null || true
        chown postgres "$DIR/socket" "$DIR/logs"
        install -d -o postgres -m 0700 "$(data_dir)"
        install -o postgres -m 0600 "$DIR/password" "$DIR/initdb-password"
    else
        install -d -m 0700 "$(data_dir)"
        cp "$DIR/password" "$DIR/initdb-password"
    fi
    as_owner "$bin/initdb" -D "$(data_dir)" -U "$ROLE" --pwfile="$DIR/initdb-password" -A scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$DIR/logs/initdb.log" 2>&1 || { cat "$DIR/logs/initdb.log" >&2; die "initdb failed"; }
    rm -f "$DIR/initdb-password"
    cat >> "$(data_dir)/postgresql.conf" <<EOF
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$DIR/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
shared_buffers = 64MB
log_min_messages = warning
EOF
    as_owner "$bin/pg_ctl" -D "$(data_dir)" -l "$DIR/logs/postgres.log" -w -t "$WAIT_SECONDS" start >/dev/null \
        || { tail -n 30 "$DIR/logs/postgres.log" >&2; die "PostgreSQL did not start"; }
    PGPASSWORD=$PASSWORD "$bin/psql" -q -h "$HOST" -p "$PORT" -U "$ROLE" -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE $DATABASE" >/dev/null
    cat > "$DIR/postgres.env" <<EOF
PG_HOST=$HOST
PG_PORT=$PORT
PG_USER=$ROLE
PG_PASSWORD=$PASSWORD
PG_PASSWORD_FILE=$DIR/password
PG_DATABASE=$DATABASE
PG_SOCKET_DIR=$DIR/socket
PG_URL=postgresql://$ROLE@$HOST:$PORT/$DATABASE
EOF
    echo "$DIR/postgres.env"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
