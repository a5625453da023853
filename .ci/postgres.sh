#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (issue 14).
#
#   eval "$(bash .ci/postgres.sh start)"   # initdb + start on 127.0.0.1, prints the export lines
#   bash .ci/postgres.sh env               # the export lines of the running cluster
#   bash .ci/postgres.sh stop              # stop it and remove its directory
#
# Uses Debian's PostgreSQL (/usr/lib/postgresql/*/bin; `apt-get install -y postgresql` when missing). The
# cluster lives in ${PGDATA_DIR:-/tmp/compliance-pg} and listens on 127.0.0.1 only, on ${PGPORT_CI:-54329}
# or the next free port. initdb refuses root, so as root the cluster runs as the `postgres` OS user.
# Roles: `compliance` (no superuser; owns database compliance_test; trust on 127.0.0.1), `compliance_pw`
# (password only, for the wrong-password test) and `compliance_noselect` (may connect, may not read).
# Only the export lines go to stdout; progress goes to stderr.
set -euo pipefail

base="${PGDATA_DIR:-/tmp/compliance-pg}"
data="$base/data"
log="$base/server.log"
portfile="$base/port"
password="${COMPLIANCE_TEST_POSTGRES_PASSWORD:-compliance-test-secret}"

say() { echo "postgres.sh: $*" >&2; }

bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        if [[ "$(id -u)" -ne 0 ]]; then
            say "PostgreSQL is not installed and this user cannot apt-get install it"
            exit 1
        fi
        say "installing Debian's postgresql"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    echo "$dir"
}

# Run a command as the cluster's OS user: ourselves, or `postgres` when we are root.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 - "$1" <<'EOF'
import socket, sys
port = int(sys.argv[1])
for candidate in range(port, port + 200):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is free
        try:
            s.bind(("127.0.0.1", candidate))
        except OSError:
            continue
    print(candidate)
    break
else:
    sys.exit("no free port near %d" % port)
EOF
}

running() {
    [[ -f "$data/postmaster.pid" ]] && as_owner "$(bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1
}

print_env() {
    local port
    port="$(cat "$portfile")"
    echo "export COMPLIANCE_TEST_POSTGRES_URL=postgresql://compliance@127.0.0.1:$port/compliance_test"
    echo "export COMPLIANCE_TEST_POSTGRES_PASSWORD_ROLE=compliance_pw"
    echo "export COMPLIANCE_TEST_POSTGRES_PASSWORD=$password"
    echo "export COMPLIANCE_TEST_POSTGRES_NOSELECT_ROLE=compliance_noselect"
}

start() {
    local bin port
    bin="$(bindir)"
    if running; then
        say "already running in $data"
        print_env
        return
    fi
    rm -rf "$base"
    mkdir -p "$base"
    if [[ "$(id -u)" -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir "$base" --shell /usr/sbin/nologin postgres
        chown postgres: "$base"
    fi
    port="$(free_port "${PGPORT_CI:-54329}")"
    echo "$port" >"$portfile"
    as_owner "$bin/initdb" -D "$data" --auth-local=trust --auth-host=reject --encoding=UTF8 \
        --locale=C.UTF-8 --username=postgres >"$base/initdb.log" 2>&1 \
        || { cat "$base/initdb.log" >&2; exit 1; }
    # first match wins: the password role needs its password; everyone else is trusted on 127.0.0.1
    as_owner tee "$data/pg_hba.conf" >/dev/null <<EOF
local all all                           trust
host  all compliance_pw 127.0.0.1/32    scram-sha-256
host  all all           127.0.0.1/32    trust
EOF
    as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$base -c fsync=off" \
        start >&2 || { cat "$log" >&2; exit 1; }
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$base" -p "$port" -U postgres -d postgres >&2 <<EOF
CREATE ROLE compliance LOGIN NOSUPERUSER NOCREATEROLE;
CREATE DATABASE compliance_test OWNER compliance;
CREATE ROLE compliance_pw LOGIN NOSUPERUSER PASSWORD '$password';
CREATE ROLE compliance_noselect LOGIN NOSUPERUSER;
GRANT CONNECT ON DATABASE compliance_test TO compliance_pw, compliance_noselect;
EOF
    say "running on 127.0.0.1:$port (data in $data)"
    print_env
}

stop() {
    if running; then
        as_owner "$(bindir)/pg_ctl" -D "$data" -m fast -w stop >&2
    fi
    rm -rf "$base"
    say "stopped and removed $base"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env)
        running || { say "not running ($data)"; exit 1; }
        print_env
        ;;
    *)
        echo "usage: $0 start|stop|env" >&2
        exit 2
        ;;
esac
