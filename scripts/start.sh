#!/usr/bin/env bash
# Starts the whole product in one process: pages, REST, Colyseus and the SFU.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/mediasoup/worker/out/Release/mediasoup-worker ] || [ ! -f .next/BUILD_ID ]; then
  echo "Atrium is not set up yet: run 'npm run setup' first (installs packages, builds the SFU worker and the app)." >&2
  exit 1
fi
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
exec node server/main.ts
