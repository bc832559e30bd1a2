#!/usr/bin/env bash
# The whole test suite: lint, typecheck, unit + integration (real Colyseus, real mediasoup
# worker, real SQLite), a production build, then browser end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
step() { printf '\n== %s\n' "$*"; }

if [ ! -x node_modules/mediasoup/worker/out/Release/mediasoup-worker ]; then
  echo "The mediasoup worker is not built: run 'npm run setup' first." >&2
  exit 1
fi
bash scripts/ensure-chromium.sh
# The face tracker's model bundle (public/models/face): the browser tests load it. Quick when up to date.
node scripts/face-model/build-face-bundle.ts
node scripts/excalidraw-assets.ts
# Live transcription's front end to pocketsphinx (.atrium/bin/ps-stream): quick when up to date.
bash scripts/recognizer/build.sh

step "lint";       eslint . --max-warnings 0
step "typecheck";  tsc --noEmit
step "unit and integration tests"; vitest run --project unit
step "build";      next build > /tmp/atrium-next-build.log 2>&1 || { cat /tmp/atrium-next-build.log; exit 1; }
step "end-to-end tests (Chromium)"; vitest run --project e2e
