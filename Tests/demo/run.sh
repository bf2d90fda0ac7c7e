#!/usr/bin/env bash
# The portal walkthrough as a runnable demo (make demo). Placeholder until the demo exists.
set -euo pipefail
echo "demo not yet implemented" >&2
exit 1
