#!/usr/bin/env bash
# Private test mail servers for maildesk's integration tests: Dovecot (IMAP,
# IMAPS, LMTP, SASL auth) and Postfix (SMTP + STARTTLS, SMTPS) on 127.0.0.1,
# unprivileged ports, with a throwaway TLS CA, plus a test OAuth 2.0 server
# (scripts/oauth2-server.py: refresh grant + RFC 7662 introspection for Dovecot's
# oauth2 passdb). Needs root (Postfix requires it) and the packages from
# `scripts/install-deps.sh --servers`; without python3 the OAuth2 server is left out
# (servers.env then says OAUTH2_UNAVAILABLE=...) and everything else still runs.
#
#   scripts/mailservers.sh start       wipe the state dir, create TLS + configs, start both, wait
#   scripts/mailservers.sh stop        stop both (never fails; safe in `trap ... EXIT`)
#   scripts/mailservers.sh status      exit 0 if every port answers
#   scripts/mailservers.sh smtp-stop   stop only Postfix (its queue is kept)
#   scripts/mailservers.sh smtp-start  start only Postfix again
#
# State dir: $MAILSERVERS_DIR (default <repo>/.mailservers); ports shift by $MAILSERVERS_PORT_OFFSET. `start` writes
# $MAILSERVERS_DIR/servers.env (KEY=VALUE lines) and prints its path.
# Test users: any address in maildesk.test, customer.test or example.test,
# password "secret"; mail for user+tag@domain lands in user@domain's INBOX.
# OAuth2 users: any address in oauth.test, IMAP and SMTP AUTH with XOAUTH2/OAUTHBEARER only, with an
# access token from the test OAuth2 server (seed a grant: POST $OAUTH2_URL/control/grant username=...).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCRIPT="$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"
REPO=$(dirname "$SCRIPT_DIR")
TEMPLATES="$SCRIPT_DIR/mailservers"
DIR=$(realpath -m "${MAILSERVERS_DIR:-$REPO/.mailservers}")

HOST=127.0.0.1
# MAILSERVERS_PORT_OFFSET (default 0) shifts every port, so two checkouts can run their tests side by
# side (each with its own MAILSERVERS_DIR).
OFFSET=${MAILSERVERS_PORT_OFFSET:-0}
IMAP_PORT=$((14143 + OFFSET))
IMAPS_PORT=$((14993 + OFFSET))
LMTP_PORT=$((14024 + OFFSET))
AUTH_PORT=$((14026 + OFFSET))
SMTP_PORT=$((14025 + OFFSET))
SMTPS_PORT=$((14465 + OFFSET))
OAUTH2_PORT=$((14080 + OFFSET))
OAUTH2_CLIENT_ID=maildesk-test-client
PASSWORD=secret
MAIL_USER=maildesk-test
MARKER=.maildesk-mailservers

LOG_DIR="$DIR/logs"
TLS_DIR="$DIR/tls"
DOVECOT_CONF="$DIR/dovecot/dovecot.conf"
POSTFIX_DIR="$DIR/postfix"
OAUTH2_DIR="$DIR/oauth2"
WAIT_SECONDS=20

log() { echo "mailservers.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# Runtime dirs (sockets, queue, mail) must be reachable by the daemons'
# unprivileged users; see choose_run_dir. `stop` reads the choice back.
run_dir() {
    if [ -f "$DIR/run-dir" ]; then cat "$DIR/run-dir"; else echo "$DIR/run"; fi
}

port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

OAUTH2_UNAVAILABLE=""
command -v python3 >/dev/null 2>&1 && command -v setsid >/dev/null 2>&1 || OAUTH2_UNAVAILABLE="python3 or setsid not found"
ALL_PORTS=("$IMAP_PORT" "$IMAPS_PORT" "$LMTP_PORT" "$AUTH_PORT" "$SMTP_PORT" "$SMTPS_PORT")
[ -n "$OAUTH2_UNAVAILABLE" ] || ALL_PORTS+=("$OAUTH2_PORT")
SMTP_PORTS=("$SMTP_PORT" "$SMTPS_PORT")

# wait_ports open|closed PORT... — bounded by WAIT_SECONDS.
wait_ports() {
    local want=$1; shift
    local deadline=$((SECONDS + WAIT_SECONDS)) p pending
    while :; do
        pending=""
        for p in "$@"; do
            if port_open "$p"; then
                [ "$want" = open ] || pending="$pending $p"
            else
                [ "$want" = closed ] || pending="$pending $p"
            fi
        done
        [ -z "$pending" ] && return 0
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "ports not $want after ${WAIT_SECONDS}s:$pending"
            return 1
        fi
        sleep 0.2
    done
}

# A zombie counts as gone: the daemons are reparented to PID 1, which may reap late.
pid_alive() {
    [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null || true)
    case "$state" in Z*|"") return 1 ;; esac
    return 0
}

# read_pid PIDFILE COMMAND — the pid, only if that process is still the
# expected daemon (a stale pid file may name an unrelated, reused pid).
read_pid() {
    local pid=""
    if [ -f "$1" ]; then pid=$(tr -dc '0-9' < "$1" 2>/dev/null || true); fi
    if [ -n "$pid" ] && [ "$(ps -o comm= -p "$pid" 2>/dev/null || true)" = "$2" ]; then
        echo "$pid"
    fi
}

postfix_pidfile() { echo "$(run_dir)/postfix/queue/pid/master.pid"; }
dovecot_pidfile() { echo "$(run_dir)/dovecot/run/master.pid"; }

# The test OAuth2 server's pid, only if that process still runs oauth2-server.py for this state dir
# (matched on the command line: the interpreter's name varies, e.g. python3.11 behind a shim).
oauth2_pid() {
    local pid=""
    if [ -f "$OAUTH2_DIR/server.pid" ]; then pid=$(tr -dc '0-9' < "$OAUTH2_DIR/server.pid" 2>/dev/null || true); fi
    if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null \
        | grep -qF -- "oauth2-server.py --host $HOST --port $OAUTH2_PORT --state-dir $OAUTH2_DIR/state"; then
        echo "$pid"
    fi
}

# stop_pids PID... — TERM each master (Postfix's and Dovecot's masters end
# their children on TERM; that is what `postfix stop` does too), wait up to
# 10 s, then KILL whatever is left together with its children.
stop_pids() {
    local pid live="" child tries=0
    for pid in "$@"; do
        if pid_alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
    while [ "$tries" -lt 50 ]; do
        tries=$((tries + 1))
        live=""
        for pid in "$@"; do
            if pid_alive "$pid"; then live="$live $pid"; fi
        done
        [ -z "$live" ] && return 0
        sleep 0.2
    done
    for pid in $live; do
        log "process $pid did not stop; killing it"
        for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
            kill -KILL "$child" 2>/dev/null || true
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    return 0
}

stop_postfix() {
    stop_pids "$(read_pid "$(postfix_pidfile)" master)"
}

stop_all() {
    [ -d "$DIR" ] || return 0
    stop_pids "$(read_pid "$(postfix_pidfile)" master)" "$(read_pid "$(dovecot_pidfile)" dovecot)" "$(oauth2_pid)"
}

show_logs() {
    local f
    for f in "$LOG_DIR"/*; do
        [ -f "$f" ] || continue
        echo "----- tail of $f -----" >&2
        tail -n 30 "$f" >&2 || true
    done
}

fail_start() {
    log "$*"
    show_logs
    stop_all
    exit 1
}

require_root_and_tools() {
    [ "$(id -u)" = 0 ] || die "must run as root (Postfix needs it)"
    local t
    for t in dovecot postfix postconf openssl timeout realpath runuser; do
        command -v "$t" >/dev/null 2>&1 || die "'$t' not found; run scripts/install-deps.sh --servers"
    done
}

# Wipe the state dir, but only if it is ours (or empty): never rm -rf a
# directory someone pointed MAILSERVERS_DIR at by mistake.
wipe_state_dir() {
    if [ -e "$DIR" ]; then
        if [ ! -f "$DIR/$MARKER" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
            die "$DIR exists, is not empty and is not a mailservers state dir; refusing to wipe it"
        fi
        local old_run
        old_run=$(run_dir)
        case "$old_run" in
            /tmp/maildesk-mailservers.*) rm -rf -- "$old_run" ;;
        esac
        rm -rf -- "$DIR"
    fi
    mkdir -p "$DIR"
    chmod 755 "$DIR"
    touch "$DIR/$MARKER"
    mkdir -p "$LOG_DIR" "$TLS_DIR" "$DIR/dovecot" "$POSTFIX_DIR"
    mkdir -m 700 "$OAUTH2_DIR"
}

ensure_mail_user() {
    if ! id -u "$MAIL_USER" >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$MAIL_USER" \
            || die "could not create system user $MAIL_USER"
    fi
    MAIL_UID=$(id -u "$MAIL_USER")
    MAIL_GID=$(id -g "$MAIL_USER")
}

# The daemons drop privileges (postfix, dovecot, dovenull, maildesk-test) and
# must reach their sockets, queue and mail. If the state dir is not
# traversable for them (e.g. a repo under /root), use a private dir in /tmp.
choose_run_dir() {
    local rd="$DIR/run"
    if ! runuser -u "$MAIL_USER" -- test -x "$DIR" 2>/dev/null; then
        rd=$(mktemp -d /tmp/maildesk-mailservers.XXXXXX)
        chmod 755 "$rd"
        echo "$rd" > "$DIR/run-dir"
        ln -s "$rd" "$DIR/run"
        log "state dir not reachable by unprivileged users; runtime files in $rd"
    fi
    RUN_DIR=$rd
    MAIL_DIR="$RUN_DIR/mail"
    mkdir -p "$RUN_DIR/dovecot/state" "$RUN_DIR/postfix/queue" "$RUN_DIR/postfix/data" "$MAIL_DIR"
    chmod 755 "$RUN_DIR" "$RUN_DIR/dovecot" "$RUN_DIR/postfix" "$RUN_DIR/postfix/queue"
    chown "$MAIL_UID:$MAIL_GID" "$MAIL_DIR"
    chmod 700 "$MAIL_DIR"
    chown postfix: "$RUN_DIR/postfix/data"
    chmod 700 "$RUN_DIR/postfix/data"
}

make_tls() {
    (
        cd "$TLS_DIR"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -keyout ca.key -out ca.pem -days 30 -subj "/CN=maildesk test CA" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -addext "keyUsage=critical,keyCertSign,cRLSign"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -keyout wrong-ca.key -out wrong-ca.pem -days 30 -subj "/CN=maildesk unrelated CA" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -addext "keyUsage=critical,keyCertSign,cRLSign"
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -keyout server.key -out server.csr -subj "/CN=localhost"
        cat > server.ext <<EOF
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
            -days 30 -sha256 -extfile server.ext -out server.pem
        chmod 600 ./*.key
        chmod 644 ./*.pem
    ) </dev/null >>"$LOG_DIR/openssl.log" 2>&1 || fail_start "creating the TLS CA and certificate failed"
}

# render TEMPLATE OUTPUT — replace @NAME@ placeholders.
render() {
    local ssl_dh_line=""
    [ -f /usr/share/dovecot/dh.pem ] && ssl_dh_line="ssl_dh = </usr/share/dovecot/dh.pem"
    sed -e "s|@HOST@|$HOST|g" \
        -e "s|@IMAP_PORT@|$IMAP_PORT|g" -e "s|@IMAPS_PORT@|$IMAPS_PORT|g" \
        -e "s|@LMTP_PORT@|$LMTP_PORT|g" -e "s|@AUTH_PORT@|$AUTH_PORT|g" \
        -e "s|@SMTP_PORT@|$SMTP_PORT|g" -e "s|@SMTPS_PORT@|$SMTPS_PORT|g" \
        -e "s|@PASSWORD@|$PASSWORD|g" \
        -e "s|@MAIL_UID@|$MAIL_UID|g" -e "s|@MAIL_GID@|$MAIL_GID|g" \
        -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@MAIL_DIR@|$MAIL_DIR|g" \
        -e "s|@LOG_DIR@|$LOG_DIR|g" -e "s|@TLS_DIR@|$TLS_DIR|g" \
        -e "s|@SSL_DH_LINE@|$ssl_dh_line|g" \
        -e "s|@OAUTH2_DOVECOT_CONF@|$OAUTH2_DOVECOT_CONF|g" \
        -e "s|@OAUTH2_INTROSPECT_AUTH_URL@|${OAUTH2_INTROSPECT_AUTH_URL:-}|g" \
        "$1" > "$2"
    if grep -q '@[A-Z_]*@' "$2"; then
        fail_start "unfilled placeholder in $2: $(grep -o '@[A-Z_]*@' "$2" | head -n 1)"
    fi
}

# The test OAuth2 server (scripts/oauth2-server.py), detached, output to its log. Its client secret is
# random per start, in a 0600 file; Dovecot's introspection URL carries it as HTTP Basic credentials
# (RFC 7662 §2.1), in a file only root and Dovecot's auth process can read.
start_oauth2() {
    local secret_file="$OAUTH2_DIR/client-secret"
    OAUTH2_DOVECOT_CONF="$RUN_DIR/dovecot/oauth2.conf.ext"
    if [ -n "$OAUTH2_UNAVAILABLE" ]; then
        log "warning: no test OAuth2 server ($OAUTH2_UNAVAILABLE); oauth.test logins will fail"
        OAUTH2_INTROSPECT_AUTH_URL="http://$HOST:$OAUTH2_PORT/introspect"
        render "$TEMPLATES/dovecot-oauth2.conf.ext.in" "$OAUTH2_DOVECOT_CONF"
        chown root:dovecot "$OAUTH2_DOVECOT_CONF"
        return 0
    fi
    (umask 077; openssl rand -hex 16 > "$secret_file") || fail_start "creating the OAuth2 client secret failed"
    OAUTH2_INTROSPECT_AUTH_URL="http://$OAUTH2_CLIENT_ID:$(cat "$secret_file")@$HOST:$OAUTH2_PORT/introspect"
    (umask 077; render "$TEMPLATES/dovecot-oauth2.conf.ext.in" "$OAUTH2_DOVECOT_CONF") || exit 1
    chown root:dovecot "$OAUTH2_DOVECOT_CONF"
    chmod 640 "$OAUTH2_DOVECOT_CONF"
    setsid python3 "$SCRIPT_DIR/oauth2-server.py" --host "$HOST" --port "$OAUTH2_PORT" \
        --state-dir "$OAUTH2_DIR/state" --client-id "$OAUTH2_CLIENT_ID" --client-secret-file "$secret_file" \
        --pid-file "$OAUTH2_DIR/server.pid" </dev/null >>"$LOG_DIR/oauth2-server.log" 2>&1 &
}

start_dovecot() {
    dovecot -c "$DOVECOT_CONF" </dev/null >>"$LOG_DIR/dovecot.stderr" 2>&1 \
        || fail_start "dovecot failed to start"
}

start_postfix() {
    [ -f "$POSTFIX_DIR/main.cf" ] || die "no Postfix config in $POSTFIX_DIR; run '$SCRIPT start' first"
    postfix -c "$POSTFIX_DIR" start </dev/null >>"$LOG_DIR/postfix.stderr" 2>&1 \
        || fail_start "postfix failed to start"
}

# The OAUTH2_* lines of servers.env (OAUTH2_UNAVAILABLE=reason when the token server is not running).
oauth2_env() {
    if [ -n "$OAUTH2_UNAVAILABLE" ]; then
        echo "OAUTH2_UNAVAILABLE=$OAUTH2_UNAVAILABLE"
        return 0
    fi
    cat <<EOF
OAUTH2_DOMAIN=oauth.test
OAUTH2_PORT=$OAUTH2_PORT
OAUTH2_URL=http://$HOST:$OAUTH2_PORT
OAUTH2_TOKEN_URL=http://$HOST:$OAUTH2_PORT/token
OAUTH2_INTROSPECT_URL=http://$HOST:$OAUTH2_PORT/introspect
OAUTH2_CLIENT_ID=$OAUTH2_CLIENT_ID
OAUTH2_CLIENT_SECRET_FILE=$OAUTH2_DIR/client-secret
OAUTH2_STATE_DIR=$OAUTH2_DIR/state
OAUTH2_DOVECOT_CONFIG=$OAUTH2_DOVECOT_CONF
EOF
}

write_env() {
    local env="$DIR/servers.env"
    cat > "$env.tmp" <<EOF
HOST=$HOST
IMAP_PORT=$IMAP_PORT
IMAPS_PORT=$IMAPS_PORT
LMTP_PORT=$LMTP_PORT
AUTH_PORT=$AUTH_PORT
SMTP_PORT=$SMTP_PORT
SMTPS_PORT=$SMTPS_PORT
CA_FILE=$TLS_DIR/ca.pem
WRONG_CA_FILE=$TLS_DIR/wrong-ca.pem
PASSWORD=$PASSWORD
DOMAIN=maildesk.test
CUSTOMER_DOMAIN=customer.test
OTHER_DOMAIN=example.test
LOG_DIR=$LOG_DIR
MAIL_DIR=$MAIL_DIR
POSTFIX_CONFIG_DIR=$POSTFIX_DIR
DOVECOT_CONFIG=$DOVECOT_CONF
SCRIPT=$SCRIPT
MAILSERVERS_DIR=$DIR
EOF
    oauth2_env >> "$env.tmp"
    mv "$env.tmp" "$env"
    echo "$env"
}

cmd_start() {
    require_root_and_tools
    stop_all
    local p busy=""
    for p in "${ALL_PORTS[@]}"; do
        port_open "$p" && busy="$busy $p"
    done
    [ -z "$busy" ] || die "ports already in use:$busy (another instance with a different MAILSERVERS_DIR?)"
    wipe_state_dir
    ensure_mail_user
    choose_run_dir
    make_tls
    start_oauth2
    render "$TEMPLATES/dovecot.conf.in" "$DOVECOT_CONF"
    render "$TEMPLATES/main.cf.in" "$POSTFIX_DIR/main.cf"
    render "$TEMPLATES/master.cf.in" "$POSTFIX_DIR/master.cf"
    start_dovecot
    start_postfix
    wait_ports open "${ALL_PORTS[@]}" || fail_start "servers did not come up"
    write_env
}

cmd_stop() {
    set +e
    stop_all
    wait_ports closed "${ALL_PORTS[@]}" >/dev/null 2>&1
    return 0
}

cmd_status() {
    local p closed=""
    for p in "${ALL_PORTS[@]}"; do
        port_open "$p" || closed="$closed $p"
    done
    if [ -n "$closed" ]; then
        echo "mailservers: not answering on$closed ($DIR)"
        return 1
    fi
    echo "mailservers: up ($DIR/servers.env)"
}

cmd_smtp_stop() {
    set +e
    stop_postfix
    wait_ports closed "${SMTP_PORTS[@]}"
    return 0
}

cmd_smtp_start() {
    require_root_and_tools
    RUN_DIR=$(run_dir)
    if port_open "$SMTP_PORT"; then
        log "postfix already running"
        return 0
    fi
    postfix -c "$POSTFIX_DIR" start </dev/null >>"$LOG_DIR/postfix.stderr" 2>&1 || {
        log "postfix failed to start"; show_logs; exit 1; }
    wait_ports open "${SMTP_PORTS[@]}" || { show_logs; exit 1; }
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    smtp-stop) cmd_smtp_stop ;;
    smtp-start) cmd_smtp_start ;;
    *)
        echo "usage: $0 start|stop|status|smtp-stop|smtp-start" >&2
        exit 2 ;;
esac
