#!/usr/bin/env bash
# Data Connect delivery at speed (issue 5): one encrypted Message_v1 drop of about 1 GiB of JSON
# lines, timed with its peak RSS, beside `gzip | openssl enc -aes-256-cbc` on the same plaintext in
# the same run. Prints markdown rows for docs/performance.md.
#
#   ROWS=205000 FILES=4 bash bench/delivery.sh      (ROWS=20000 gives about 100 MB)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

ROWS=${ROWS:-205000}
FILES=${FILES:-4}
TIME=/usr/bin/time
work=$(mktemp -d /tmp/kvemu-delivery.XXXXXX)
trap 'stop_emulator; rm -rf "$work" "$EMU_DIR" "$EMU_DIR.log"' EXIT

start_emulator
"$BIN" walkthrough --connection "$CONN" >/dev/null
app=$(field dataConnectApp.clientId)
"$BIN" dataconnect register --connection "$CONN" --app "$app" --resource-group dataconnect-rg --storage-account bench \
    --container drops --dataset BasicDataSet_v0.Message_v1 --vault lobencryption-demo >/dev/null
"$BIN" dataconnect approve --connection "$CONN" --app "$app" >/dev/null

echo "machine: $(nproc) cores, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
echo "agent: $AGENT run --rows $ROWS --files $FILES --seed 1 --require-encryption"

# 1. The agent: generate -> gzip -> AES-256-CBC -> file, one file per core.
$TIME -v "$AGENT" run --connection "$CONN" --app "$app" --dataset BasicDataSet_v0.Message_v1 --rows "$ROWS" \
    --files "$FILES" --seed 1 --require-encryption >"$work/run.out" 2>"$work/run.time"
drop=$(tail -n 1 "$work/run.out")
agent_seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$work/run.time")
agent_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/run.time")
agent_cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$work/run.time")
cipher_bytes=$(cat "$drop"/*.json | wc -c)

# 1b. The same run with --gzip-level 1 (larger files, less CPU).
$TIME -v "$AGENT" run --connection "$CONN" --app "$app" --dataset BasicDataSet_v0.Message_v1 --rows "$ROWS" \
    --files "$FILES" --seed 1 --require-encryption --gzip-level 1 >"$work/run1.out" 2>"$work/run1.time"
fast_seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$work/run1.time")
fast_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/run1.time")
fast_cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$work/run1.time")
fast_bytes=$(cat "$(tail -n 1 "$work/run1.out")"/*.json | wc -c)
rm -rf "$(tail -n 1 "$work/run1.out")"

# 2. The same plaintext, decrypted and verified by the customer's side.
$TIME -v "$AGENT" decrypt --connection "$CONN" --drop "$drop" --output "$work/clear" >"$work/decrypt.out" 2>"$work/decrypt.time"
tail -n 1 "$work/decrypt.out"
decrypt_seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$work/decrypt.time")
decrypt_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/decrypt.time")
plain_bytes=$(cat "$work/clear"/*.json | wc -c)

# 3. The command-line baseline on that plaintext: one stream, then one stream per file in parallel.
key=$(openssl rand -hex 32); iv=$(openssl rand -hex 16)
cat "$work/clear"/*.json >"$work/plain.jsonl"
cat "$work/plain.jsonl" >/dev/null    # warm the page cache for every contender alike
pipe() {   # pipe LEVEL FILES... -> seconds
    local level=$1; shift
    local start end
    start=$(date +%s.%N)
    for f in "$@"; do (gzip "-$level" <"$f" | openssl enc -aes-256-cbc -K "$key" -iv "$iv" >"$f.enc") & done
    wait
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
one1=$(pipe 1 "$work/plain.jsonl"); one6=$(pipe 6 "$work/plain.jsonl")
par1=$(pipe 1 "$work/clear"/*.json); par6=$(pipe 6 "$work/clear"/*.json)
rm -f "$work"/clear/*.enc "$work/plain.jsonl.enc"
$TIME -v sh -c "gzip -1 <'$work/plain.jsonl' | openssl enc -aes-256-cbc -K $key -iv $iv >/dev/null" 2>"$work/pipe.time"
pipe_rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/pipe.time")

mib() { echo "scale=1; $1 / 1048576" | bc -l; }
rate() { echo "scale=1; $plain_bytes / 1048576 / $1" | bc -l; }
echo "plaintext $(mib "$plain_bytes") MiB in $FILES files, ciphertext $(mib "$cipher_bytes") MiB; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Contender | Wall time | Throughput (plaintext) | Peak RSS |"
echo "|---|---|---|---|"
echo "| dataconnect-agent run (generate, gzip -6, AES-256-CBC, $FILES files, CPU $agent_cpu) | ${agent_seconds} s | $(rate "$agent_seconds") MiB/s | $(echo "scale=1; $agent_rss / 1024" | bc) MiB |"
echo "| dataconnect-agent run --gzip-level 1 (ciphertext $(mib "$fast_bytes") MiB, CPU $fast_cpu) | ${fast_seconds} s | $(rate "$fast_seconds") MiB/s | $(echo "scale=1; $fast_rss / 1024" | bc) MiB |"
echo "| dataconnect-agent decrypt (vault unwrap, AES, gunzip, SHA-256, write) | ${decrypt_seconds} s | $(rate "$decrypt_seconds") MiB/s | $(echo "scale=1; $decrypt_rss / 1024" | bc) MiB |"
echo "| gzip -1 \\| openssl enc -aes-256-cbc, one stream | $(printf %.2f "$one1") s | $(rate "$one1") MiB/s | $(echo "scale=1; $pipe_rss / 1024" | bc) MiB |"
echo "| gzip -6 \\| openssl enc -aes-256-cbc, one stream | $(printf %.2f "$one6") s | $(rate "$one6") MiB/s | |"
echo "| gzip -1 \\| openssl enc, $FILES streams in parallel | $(printf %.2f "$par1") s | $(rate "$par1") MiB/s | |"
echo "| gzip -6 \\| openssl enc, $FILES streams in parallel | $(printf %.2f "$par6") s | $(rate "$par6") MiB/s | |"
