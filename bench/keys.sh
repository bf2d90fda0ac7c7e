#!/usr/bin/env bash
# Key Vault operations (issue 3): RSA-2048 create latency in bursts of $BURST creates, with the
# background key pool (default depth) and without it (--rsa-key-pool 0); then RS256 sign,
# RSA-OAEP-256 decrypt and RS256 verify request rates (wrk, 2 threads, 32 keep-alive connections)
# next to `openssl speed -seconds 3 rsa2048` from the same run. Prints markdown rows.
# A third configuration sizes the pool to the burst (--rsa-key-pool $BURST, at most 64), to show what the
# pool does when it is deep enough; the default depth only covers the first few creates.
# Usage: bench/keys.sh   (BURST=50, ROUNDS=2, DURATION=10s, POOL=4, PYTHON=python3 by default)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
BURST=${BURST:-50}
DURATION=${DURATION:-10s}
POOL=${POOL:-4}
PYTHON=${PYTHON:-python3}

echo "load before: $(uptime | sed 's/.*load average/load average/')"

setup() {   # setup -> VAULT, CA, TOKEN for the walkthrough vault (admin is Crypto Officer there)
    "$BIN" walkthrough --connection "$CONN" >/dev/null
    local port
    port=$(field port)
    VAULT="https://lobencryption-demo.vault.localhost:$port"
    CA=$(field caCertFile)
    TOKEN=$(token_for "https://vault.localhost:$port")
}

burst() {   # burst POOL_DEPTH CONCURRENCY ROUND -> one markdown row
    local depth=$1 concurrency=$2 round=$3 result
    EMU_ARGS="--rsa-key-pool $depth" start_emulator
    setup
    # Let the pool fill: one background thread, 100-300 ms per key (more on a loaded machine).
    sleep $((3 + depth * 4 / 10))
    result=$("$PYTHON" "$here/create_burst.py" "$VAULT" "$CA" "$TOKEN" "$BURST" "$concurrency" "burst")
    stop_emulator
    echo "| $round | $BURST RSA-2048 creates, $concurrency at a time, pool depth $depth | $(jq -r '"\(.p50) ms | \(.p99) ms | \(.mean) ms | \(.wall) ms"' <<<"$result") | $(cut -d' ' -f1 /proc/loadavg) |"
}

# Configurations alternate, ROUNDS times, so a change in the machine's load does not favour one.
echo
echo "| Round | Burst | p50 | p99 | mean | whole burst | load |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "${ROUNDS:-2}"); do
    burst "$POOL" 1 "$round"
    burst 0 1 "$round"
    burst "$POOL" 4 "$round"
    burst 0 4 "$round"
done
burst "$BURST" 1 1

# Request rates on one RSA-2048 key, the pool at its default.
EMU_ARGS="" start_emulator
setup
export TOKEN BODY
curl_vault() { curl -sf --cacert "$CA" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$@"; }
kid=$(curl_vault -X POST -d '{"kty":"RSA","key_size":2048}' "$VAULT/keys/bench-rsa/create?api-version=7.4" | jq -r .key.kid)
path=${kid#https://*/}
digest="47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"   # SHA-256 of the empty string
ciphertext=$(curl_vault -X POST -d '{"alg":"RSA-OAEP-256","value":"'"$digest"'"}' "$VAULT/$path/encrypt?api-version=7.4" | jq -r .value)
signature=$(curl_vault -X POST -d '{"alg":"RS256","value":"'"$digest"'"}' "$VAULT/$path/sign?api-version=7.4" | jq -r .value)

rate() { awk '/Requests\/sec/ {print $2}'; }
run_wrk() {   # run_wrk OPERATION BODY
    BODY=$2
    wrk -t2 -c32 -d"$DURATION" -s "$here/post.lua" "$VAULT/$path/$1?api-version=7.4" | rate
}
sign_rps=$(run_wrk sign '{"alg":"RS256","value":"'"$digest"'"}')
decrypt_rps=$(run_wrk decrypt '{"alg":"RSA-OAEP-256","value":"'"$ciphertext"'"}')
verify_rps=$(run_wrk verify '{"alg":"RS256","digest":"'"$digest"'","value":"'"$signature"'"}')
# The answers must be what they claim: a verify that said false would measure nothing.
[ "$(curl_vault -X POST -d '{"alg":"RS256","digest":"'"$digest"'","value":"'"$signature"'"}' "$VAULT/$path/verify?api-version=7.4" | jq -r .value)" = true ]
stop_emulator

speed=$(openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6, $7}')
openssl_sign=${speed% *}
openssl_verify=${speed#* }
echo
echo "| Operation (wrk -t2 -c32, $DURATION) | emulator | \`openssl speed -seconds 3 rsa2048\` (one core) |"
echo "|---|---|---|"
echo "| RS256 sign | $sign_rps req/s | $openssl_sign sign/s |"
echo "| RSA-OAEP-256 decrypt | $decrypt_rps req/s | $openssl_sign private-key op/s (same operation as sign) |"
echo "| RS256 verify | $verify_rps req/s | $openssl_verify verify/s |"
echo
echo "load after: $(uptime | sed 's/.*load average/load average/')"
