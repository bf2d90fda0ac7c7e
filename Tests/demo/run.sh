#!/usr/bin/env bash
# `make demo`: start the emulator on emulator-data/, walk the portal steps of Data Connect custom
# encryption, run an encrypted delivery, decrypt it as the customer and check it, then stop.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=.build/release
data=emulator-data
port=${DEMO_PORT:-8443}
connection="$data/connection.json"

say() { printf '\n### %s\n' "$*"; }

mkdir -p "$data"
rm -f "$connection"
say "Starting the emulator on port $port (data directory $data/, log $data/emulator.log)"
"$bin/keyvault-emulator" serve --data-dir "$data" --port "$port" >"$data/emulator.log" 2>&1 &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 300); do
    [ -s "$connection" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then cat "$data/emulator.log"; echo "the emulator did not start" >&2; exit 1; fi
    sleep 0.1
done
[ -s "$connection" ] || { echo "the emulator did not write $connection in 30 s" >&2; exit 1; }
"$bin/keyvault-emulator" health --connection "$connection"

say "The portal steps (shared seed: Use encryption with Microsoft Graph Data Connect)"
"$bin/keyvault-emulator" walkthrough --connection "$connection"

app=$("$bin/keyvault-emulator" connection --connection "$connection" --field dataConnectApp.clientId)
suffix=$("$bin/keyvault-emulator" connection --connection "$connection" --field vaultDnsSuffix)
vault="https://lobencryption-demo.$suffix"
deliveries="$data/deliveries/$app"

say "Data Connect delivers BasicDataSet_v0.Message_v1, encrypted with the tenant's public key"
"$bin/dataconnect-agent" run --connection "$connection" --app "$app" --vault "$vault" \
    --dataset BasicDataSet_v0.Message_v1 --destination "$deliveries" --seed 42 --require-encryption
drop=$(ls -td "$deliveries"/*/ | head -n 1)
drop=${drop%/}

say "The customer decrypts the drop through the vault's decrypt operation"
"$bin/dataconnect-agent" decrypt --connection "$connection" --drop "$drop" --output "$drop.decrypted"

say "Verdict: the encrypted delivery round-tripped"
echo "encrypted drop:   $drop"
echo "key details:      $drop/metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json"
echo "run report:       $drop/metadata/run.json"
echo "decrypted copy:   $drop.decrypted"
