#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with user postgres, password postgres, for the tests and the
# benchmarks: installs Debian's postgresql if missing, starts its cluster if stopped. Idempotent; called by .ci/run and
# by the tests' PostgresServer when nothing answers.
set -euo pipefail
sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo -n"
if ! command -v pg_lsclusters >/dev/null; then
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
read -r version cluster _ status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != "online" ]; then
  $sudo_cmd pg_ctlcluster "$version" "$cluster" start
fi
# TCP logins need a password (Debian's default is peer authentication over the socket only)
$sudo_cmd su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
