#!/usr/bin/env bash
# Installs everything Atrium needs on a fresh Debian 12 machine and builds it:
# system packages for the mediasoup worker, npm packages (Node 24 comes from npm),
# the worker itself (built from source, cached), and the Next.js production bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[setup] %s\n' "$*"; }
# npm itself runs on the system Node; `npm ci` replaces node_modules (and the Node 24 in it).
system_npm() { PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v 'node_modules/.bin' | paste -sd: -)" npm "$@"; }

# npm 10 ignores allowScripts and cannot install Vite 8 here; npm 11 does both right.
npm_major=$(system_npm --version | cut -d. -f1)
if [ "$npm_major" -lt 11 ]; then
  say "npm $(system_npm --version) is too old; installing npm 11"
  system_npm install -g npm@11 --no-audit --no-fund
  hash -r
fi

# mediasoup's own postinstall downloads a prebuilt worker (unreachable here); we build ours.
say "installing npm packages"
# `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages out of the
# lock file and `npm ci` then refuses it; with the lock present, install keeps its versions.
MEDIASOUP_WORKER_BIN=skip system_npm install --no-audit --no-fund

# The concierge's voice (Debian's espeak-ng: en-us and cmn); without it the concierge answers in text only.
# PDF previews in service sessions (poppler-utils' pdftoppm draws the first page); without it a PDF shows an icon.
# Chinese text in whiteboards put on tickets as PNG (fonts-noto-cjk, which resvg finds); without it CJK text draws as boxes.
# Live transcription of service calls (pocketsphinx and its US-English model, offline; the -dev packages
# to build our small streaming front end, scripts/recognizer/build.sh); without them transcription is off.
# ffmpeg's ffprobe checks call recordings in the tests.
if ! command -v espeak-ng >/dev/null || ! command -v pdftoppm >/dev/null || [ ! -d /usr/share/fonts/opentype/noto ] ||
  [ ! -d /usr/share/pocketsphinx/model/en-us ] || [ ! -f /usr/include/pocketsphinx/pocketsphinx.h ] || ! command -v ffprobe >/dev/null; then
  say "installing espeak-ng (the concierge's voice), poppler-utils (PDF previews), fonts-noto-cjk (Chinese in board images) and pocketsphinx (live transcription)"
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  packages=(espeak-ng poppler-utils fonts-noto-cjk pocketsphinx pocketsphinx-en-us libpocketsphinx-dev libsphinxbase-dev gcc pkg-config ffmpeg)
  as_root apt-get install -y --no-install-recommends "${packages[@]}" || { as_root apt-get update && as_root apt-get install -y --no-install-recommends "${packages[@]}"; } ||
    say "could not install ${packages[*]}: the concierge will answer in text only, PDFs get an icon instead of a preview, Chinese in board images draws as boxes, calls are not transcribed"
fi

say "installing the face tracker's model and WASM runtime (public/models/face, built from @mediapipe/face_mesh)"
PATH="$PWD/node_modules/.bin:$PATH" node scripts/face-model/build-face-bundle.ts
say "copying the whiteboard editor's fonts (public/excalidraw, from @excalidraw/excalidraw)"
PATH="$PWD/node_modules/.bin:$PATH" node scripts/excalidraw-assets.ts

say "building the mediasoup worker (cached after the first time)"
PATH="$PWD/node_modules/.bin:$PATH" bash scripts/mediasoup-worker/build.sh

say "building live transcription's streaming front end to pocketsphinx (.atrium/bin/ps-stream)"
bash scripts/recognizer/build.sh

say "building the web app"
NEXT_TELEMETRY_DISABLED=1 PATH="$PWD/node_modules/.bin:$PATH" npx --no-install next build
say "done: run 'npm start' and open http://localhost:${PORT:-3000}/hall/demo"
