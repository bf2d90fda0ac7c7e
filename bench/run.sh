#!/usr/bin/env bash
# `make bench`: every benchmark, in turn, on the release build; results go to stdout as markdown
# rows for docs/performance.md. Run it on a quiet machine: the numbers share its cores.
#   bench/startup.sh   start to connection.json, idle RSS                     (issue 2)
#   bench/http.sh      GET key and RS256 sign beside nginx and openssl speed  (issue 2)
#   bench/keys.sh      create bursts with and without the key pool; sign, decrypt, verify (issue 3)
#   bench/delivery.sh  a 1 GiB Data Connect drop beside gzip | openssl enc    (issue 5)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
echo "machine: $(nproc) cores, $(uname -r); load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
bash "$here/startup.sh"
bash "$here/http.sh"
bash "$here/keys.sh"
bash "$here/delivery.sh"
