#!/usr/bin/env bash
# Install (Debian packages), start and prepare a local PostgreSQL for the test suite.
set -euo pipefail
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  $SUDO pg_createcluster "$version" main >/dev/null
fi
conf="/etc/postgresql/$version/main/conf.d"
$SUDO mkdir -p "$conf"
# Test-only tuning: never use fsync=off in production.
printf "listen_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" | $SUDO tee "$conf/certify-ci.conf" >/dev/null
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  as_postgres psql -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 0.5
done
as_postgres psql -qAt -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'certify') THEN
    CREATE ROLE certify LOGIN PASSWORD 'certify' CREATEDB;
  END IF;
END $$;
SQL
if ! as_postgres psql -qAtc "select 1 from pg_database where datname='certify'" | grep -q 1; then
  as_postgres createdb -O certify certify
fi
echo "PostgreSQL $version is running on 127.0.0.1:5432 (role certify)."
