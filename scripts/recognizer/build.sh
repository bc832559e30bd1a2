#!/usr/bin/env bash
# Builds the live-transcription front end, game-server/assist/recognition/native/ps-stream.c,
# into .atrium/bin/ps-stream against Debian's pocketsphinx (libpocketsphinx-dev,
# libsphinxbase-dev). Idempotent: does nothing when the binary is newer than its source.
# Without a compiler or the headers, or when it does not compile, it says so and exits 0:
# transcription is then off (the recognizer reports why), nothing else depends on it.
set -euo pipefail
say() { printf '[recognizer] %s\n' "$*"; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src="$root/game-server/assist/recognition/native/ps-stream.c"
out_dir="$root/.atrium/bin"
bin="$out_dir/ps-stream"

if [ -x "$bin" ] && [ "$bin" -nt "$src" ] && [ "$bin" -nt "${BASH_SOURCE[0]}" ]; then
  say "ps-stream is up to date ($bin)"
  exit 0
fi
if ! command -v gcc >/dev/null || ! command -v pkg-config >/dev/null; then
  say "gcc or pkg-config is missing: ps-stream not built, live transcription is off (apt-get install gcc pkg-config)"
  exit 0
fi
if ! flags="$(pkg-config --cflags --libs pocketsphinx sphinxbase 2>/dev/null)" || [ ! -f /usr/include/pocketsphinx/pocketsphinx.h ]; then
  say "pocketsphinx headers are missing: ps-stream not built, live transcription is off (apt-get install libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us)"
  exit 0
fi

mkdir -p "$out_dir"
# Built beside the target and renamed: a test or server starting it meanwhile never sees half a file.
tmp="$(mktemp "$out_dir/.ps-stream.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
# shellcheck disable=SC2086 # pkg-config's flags are several words
if ! gcc -O2 -std=gnu99 -Wall -o "$tmp" "$src" $flags -lm; then
  # Setup goes on without it: the recognizer says it is not built, the tests skip saying so.
  say "ps-stream did not compile (above): live transcription is off" >&2
  exit 0
fi
chmod 755 "$tmp"
mv -f "$tmp" "$bin"
trap - EXIT
say "built $bin"
