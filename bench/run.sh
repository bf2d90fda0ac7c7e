#!/usr/bin/env bash
# `make bench`: every benchmark; results go to stdout as markdown rows for docs/performance.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
echo "machine: $(nproc) cores, $(uname -r); load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
bash "$here/startup.sh"
bash "$here/http.sh"
