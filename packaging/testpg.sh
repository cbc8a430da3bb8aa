#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# A throwaway PostgreSQL cluster for the test suite, listening on loopback only:
#
#   packaging/testpg.sh start DIR   creates and starts it in DIR, and prints the address the
#                                   tests take in GRIDDESK_TEST_POSTGRES
#   packaging/testpg.sh stop DIR    stops it (DIR is left for a look, or to remove)
#
# The tests connect as role griddesk (password auth, may create databases) and make each
# database from the template griddesk_template, which has PostGIS.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
    echo "usage: packaging/testpg.sh start|stop DIR" >&2
    exit 2
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
    echo "testpg: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin)" >&2
    exit 1
fi

# initdb and the server refuse to run as root: as root they run as the postgres account.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)
fi

case "$command" in
start)
    rm -rf "$dir"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir"
    fi
    superuser_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$superuser_password" >"$dir/superuser-password"
    chmod 600 "$dir/superuser-password"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir/superuser-password"
    fi
    "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -A scram-sha-256 -U postgres \
        --pwfile="$dir/superuser-password" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    port=""
    for candidate in $(seq 55432 55482); do
        if "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $candidate -k $dir -c fsync=off" \
            start >/dev/null 2>&1; then
            port=$candidate
            break
        fi
    done
    if [ -z "$port" ]; then
        echo "testpg: no free port between 55432 and 55482 (see $dir/server.log)" >&2
        exit 1
    fi
    PGPASSWORD=$superuser_password "$bindir/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 \
        -p "$port" -U postgres -d postgres <<SQL >/dev/null
CREATE ROLE griddesk LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE griddesk_template OWNER griddesk IS_TEMPLATE true;
\connect griddesk_template
CREATE EXTENSION postgis;
SQL
    echo "$port" >"$dir/port"
    echo "postgresql://griddesk:$password@127.0.0.1:$port/"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
*)
    echo "usage: packaging/testpg.sh start|stop DIR" >&2
    exit 2
    ;;
esac
