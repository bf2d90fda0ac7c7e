# Shared by the bench scripts: start an emulator on a free port with its own data directory.
# Source it; it defines start_emulator, stop_emulator, field, and cleans up on exit.

BIN=${KVEMU_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.build/release/keyvault-emulator}
AGENT=${DCAGENT_BIN:-$(dirname "$BIN")/dataconnect-agent}
EMU_PID=""
EMU_DIR=""

start_emulator() {   # start_emulator [data-dir]  -> sets EMU_PID, EMU_DIR, CONN; $EMU_ARGS adds serve flags
    EMU_DIR=${1:-$(mktemp -d /tmp/kvemu-bench.XXXXXX)}
    rm -f "$EMU_DIR/connection.json"
    # shellcheck disable=SC2086  # EMU_ARGS is a list of flags
    "$BIN" serve --data-dir "$EMU_DIR" --port 0 ${EMU_ARGS:-} >"$EMU_DIR.log" 2>&1 &
    EMU_PID=$!
    for _ in $(seq 1 3000); do
        [ -s "$EMU_DIR/connection.json" ] && break
        kill -0 "$EMU_PID" 2>/dev/null || { cat "$EMU_DIR.log" >&2; return 1; }
        sleep 0.01
    done
    CONN="$EMU_DIR/connection.json"
}

stop_emulator() {
    [ -n "$EMU_PID" ] && kill -TERM "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null
    EMU_PID=""
}

field() { "$BIN" connection --connection "$CONN" --field "$1"; }

token_for() {   # token_for RESOURCE -> prints an admin access token
    local authority tenant id secret
    authority=$(field authorityHost); tenant=$(field tenantId)
    id=$(field admin.clientId); secret=$(field admin.clientSecret)
    curl -s --cacert "$(field caCertFile)" "$authority/$tenant/oauth2/v2.0/token" \
        --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$id" \
        --data-urlencode "client_secret=$secret" --data-urlencode "scope=$1/.default" |
        sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

trap 'stop_emulator' EXIT
