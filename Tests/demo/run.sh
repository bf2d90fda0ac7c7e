#!/usr/bin/env bash
# `make demo`: start the emulator on emulator-data/, walk the portal steps of Data Connect custom
# encryption, register the Data Connect app with encryption on, have the Global Administrator
# approve it, run an encrypted delivery, decrypt it as the customer and check it, then stop.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${DEMO_BIN:-$(dirname "${KVEMU_BIN:-.build/release/keyvault-emulator}")}
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
rg=dataconnect-rg

say "The developer registers the Data Connect app: destination, dataset, encryption with the demo vault"
# Re-running the demo starts from a fresh registration (deleting is allowed to owners).
"$bin/keyvault-emulator" dataconnect delete --connection "$connection" --app "$app" >/dev/null 2>&1 || true
"$bin/keyvault-emulator" dataconnect register --connection "$connection" --app "$app" --resource-group "$rg" \
    --description "Demo: mail of Larkspur Avionics" --storage-account demolake --container mgdc \
    --dataset BasicDataSet_v0.Message_v1 --vault lobencryption-demo >"$data/registration.json"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["properties"]; print("registered", p["appId"], "revision", p["revision"], "status", p["authorization"]["status"], "encryption via", p["encryption"]["keyVaultUri"])' "$data/registration.json"

say "Before approval, the run is refused (the app registration is pending)"
if "$bin/dataconnect-agent" run --connection "$connection" --app "$app" --dataset BasicDataSet_v0.Message_v1 --rows 4 --files 1; then
    echo "the run should have been refused" >&2; exit 1
fi

say "The Global Administrator approves it (Microsoft 365 admin center)"
"$bin/keyvault-emulator" dataconnect approve --connection "$connection" --app "$app" >"$data/approval.json"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["properties"]["authorization"]; print("status", a["status"], "approved by", a["approvedBy"], "until", a["expiresAt"])' "$data/approval.json"

say "The customer's doctor checks every requirement (MG1-MG8)"
"$bin/dataconnect-agent" doctor --connection "$connection" --app "$app"

say "Data Connect delivers BasicDataSet_v0.Message_v1, encrypted with the tenant's public key"
"$bin/dataconnect-agent" run --connection "$connection" --app "$app" \
    --dataset BasicDataSet_v0.Message_v1 --seed 42 --require-encryption >"$data/run.log"
cat "$data/run.log"
drop=$(tail -n 1 "$data/run.log")

say "The customer decrypts the drop through the vault's decrypt operation"
"$bin/dataconnect-agent" decrypt --connection "$connection" --drop "$drop" --output "$drop.decrypted"

say "Verdict: the encrypted delivery round-tripped"
echo "encrypted drop:   $drop"
echo "key details:      $drop/metadata/MoreMetadata/EncryptedDatasets/encryptionKeyDetails.json"
echo "run report:       $drop/metadata/run.json"
echo "decrypted copy:   $drop.decrypted"
