#!/usr/bin/env bash
# Start to connection.json, fresh and existing data directory, and idle RSS.
# Usage: bench/startup.sh   (prints markdown rows)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

now_ms() { date +%s%3N; }

measure() {   # measure DIR -> sets ms (exec to connection.json) and pid
    local dir=$1 t0
    rm -f "$dir/connection.json"
    t0=$(now_ms)
    "$BIN" serve --data-dir "$dir" --port 0 >"$dir.log" 2>&1 &
    pid=$!
    until [ -s "$dir/connection.json" ]; do sleep 0.001; done
    ms=$(( $(now_ms) - t0 ))
}

fresh=(); existing=()
for i in $(seq 1 10); do
    dir=$(mktemp -d /tmp/kvemu-start.XXXXXX)
    measure "$dir"; fresh+=("$ms"); kill -TERM "$pid"; wait "$pid" || true
    measure "$dir"; existing+=("$ms")
    if [ "$i" = 10 ]; then
        sleep 2
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
        threads=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
    fi
    kill -TERM "$pid"; wait "$pid" || true
    rm -rf "$dir" "$dir.log"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| start to connection.json, fresh data dir (median of 10) | $(median "${fresh[@]}") ms | runs: ${fresh[*]} |"
echo "| start to connection.json, existing data dir (median of 10) | $(median "${existing[@]}") ms | runs: ${existing[*]} |"
echo "| idle RSS after start (existing data dir) | $((rss / 1024)) MiB ($rss kB), $threads threads | |"
