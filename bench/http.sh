#!/usr/bin/env bash
# Requests per second over keep-alive HTTPS (wrk, 2 threads, 32 connections): GET key and RS256
# sign with a validated token, beside nginx serving the same JSON over HTTPS and `openssl speed`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
DURATION=${DURATION:-10s}

start_emulator
"$BIN" walkthrough --connection "$CONN" >/dev/null
port=$(field port); tenant=$(field tenantId)
vault="https://lobencryption-demo.vault.localhost:$port"
export TOKEN
TOKEN=$(token_for "https://vault.localhost:$port")
key_json=$(curl -s --cacert "$(field caCertFile)" -H "Authorization: Bearer $TOKEN" "$vault/keys/$tenant?api-version=7.4")
version=$(printf '%s' "$key_json" | sed -E 's#.*/keys/[^/]+/([0-9a-f]{32}).*#\1#')

rate() { awk '/Requests\/sec/ {print $2}'; }
get_rps=$(wrk -t2 -c32 -d"$DURATION" -s "$here/get.lua" "$vault/keys/$tenant/$version?api-version=7.4" | rate)
sign_rps=$(wrk -t2 -c32 -d"$DURATION" -s "$here/sign.lua" "$vault/keys/$tenant/$version/sign?api-version=7.4" | rate)
stop_emulator

# nginx: the same key JSON, static, over HTTPS with the emulator's certificate, 2 workers.
ngx=$(mktemp -d /tmp/kvemu-nginx.XXXXXX)
printf '%s' "$key_json" >"$ngx/key.json"
ngx_port=$((20000 + RANDOM % 20000))
cat >"$ngx/nginx.conf" <<CONF
worker_processes 2;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$ngx_port ssl;
        ssl_certificate $EMU_DIR/tls/server.pem;
        ssl_certificate_key $EMU_DIR/tls/server-key.pem;
        location / { root $ngx; default_type application/json; }
    }
}
CONF
nginx -c "$ngx/nginx.conf"
sleep 0.5
nginx_rps=$(wrk -t2 -c32 -d"$DURATION" "https://127.0.0.1:$ngx_port/key.json" | rate)
kill "$(cat "$ngx/nginx.pid")"
rm -rf "$ngx"

sign_limit=$(openssl speed -seconds 5 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')
echo "| GET key (token validated), wrk -t2 -c32 | $get_rps req/s | nginx, same JSON over HTTPS: $nginx_rps req/s |"
echo "| RS256 sign, wrk -t2 -c32 | $sign_rps req/s | openssl speed -multi 2 rsa2048: $sign_limit sign/s |"
