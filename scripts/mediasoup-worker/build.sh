#!/usr/bin/env bash
# Offline, repeatable build of the mediasoup C++ worker from the sources shipped
# in node_modules/mediasoup/worker, against Debian 12 system libraries.
# See scripts/mediasoup-worker/README.md.
#
# usage: scripts/mediasoup-worker/build.sh [--force]
#   --force   rebuild even if a working binary or a cached one exists
#
# env: ATRIUM_CACHE_DIR                cache root (default: $HOME/.cache/atrium)
#      ATRIUM_KEEP_BUILD_DIR=1         keep the temporary build directory
#      ATRIUM_MEDIASOUP_SKIP_VERIFY=1  skip verify.mjs / verify-chrome.mjs
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
MS_DIR="$REPO_ROOT/node_modules/mediasoup"
WORKER_SRC="$MS_DIR/worker"
TARGET="$WORKER_SRC/out/Release/mediasoup-worker"

# Debian packages the build needs (binary package names).
REQUIRED_PACKAGES=(
  g++ python3 pkg-config meson ninja-build
  libuv1-dev libssl-dev libsrtp2-dev libabsl-dev
  libflatbuffers-dev flatbuffers-compiler
)

log() { echo "[mediasoup-worker] $*"; }
die() { echo "[mediasoup-worker] ERROR: $*" >&2; exit 1; }

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

# A worker binary "works" if the dynamic loader can resolve all of its libraries
# and symbols and it reaches main(): started without MEDIASOUP_VERSION it exits
# with mediasoup's own code 41.
worker_works() {
  local bin="$1" rc=0
  [[ -f "$bin" && -x "$bin" ]] || return 1
  env -u MEDIASOUP_VERSION LD_BIND_NOW=1 "$bin" </dev/null >/dev/null 2>&1 || rc=$?
  [[ "$rc" -eq 41 ]]
}

install_binary() {
  local src="$1"
  mkdir -p "$(dirname "$TARGET")"
  # Copy to a temp name and rename, so a concurrent reader never sees a
  # half-written binary.
  cp "$src" "$TARGET.tmp.$$"
  chmod 755 "$TARGET.tmp.$$"
  mv -f "$TARGET.tmp.$$" "$TARGET"
}

[[ -f "$MS_DIR/package.json" ]] || die "$MS_DIR/package.json not found (run npm install first)"
[[ -f "$WORKER_SRC/meson.build" ]] || die "$WORKER_SRC/meson.build not found"

# 1. Existing working binary.
if [[ "$FORCE" -eq 0 ]] && worker_works "$TARGET"; then
  log "working binary already present: $TARGET"
  exit 0
fi

# 2. Cache.
# (sed, not python3/node: this runs before the build dependencies are checked)
MS_VERSION="$(sed -n 's/^[[:space:]]*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$MS_DIR/package.json" | head -n 1)"
[[ -n "$MS_VERSION" ]] || die "cannot read the version from $MS_DIR/package.json"
SUPPORT_HASH="$(
  cd "$SCRIPT_DIR" &&
    find . -type f -not -path '*/__pycache__/*' -print0 |
    LC_ALL=C sort -z |
    xargs -0 sha256sum |
    sha256sum | cut -c1-16
)"
CACHE_KEY="${MS_VERSION}-${SUPPORT_HASH}"
CACHE_DIR="${ATRIUM_CACHE_DIR:-${HOME:?neither ATRIUM_CACHE_DIR nor HOME is set}/.cache/atrium}/mediasoup-worker/$CACHE_KEY"
CACHED_BIN="$CACHE_DIR/mediasoup-worker"
log "mediasoup $MS_VERSION, cache key $CACHE_KEY"

if [[ "$FORCE" -eq 0 && -f "$CACHED_BIN" ]]; then
  if worker_works "$CACHED_BIN"; then
    install_binary "$CACHED_BIN"
    log "installed cached binary $CACHED_BIN -> $TARGET"
    exit 0
  fi
  log "cached binary $CACHED_BIN does not run here, rebuilding"
fi

# 3. Build dependencies.
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${REQUIRED_PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
  done
  if [[ "${#missing[@]}" -gt 0 ]]; then
    if [[ "$(id -u)" -eq 0 ]]; then
      log "installing missing Debian packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
        log "apt-get install failed, running apt-get update and retrying"
        apt-get update || die "apt-get update failed"
        apt-get install -y --no-install-recommends "${missing[@]}" ||
          die "apt-get install failed for: ${missing[*]}"
      fi
    else
      echo "[mediasoup-worker] ERROR: missing Debian packages: ${missing[*]}" >&2
      echo "[mediasoup-worker] install them with: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
else
  log "WARNING: dpkg-query not found; not a Debian system? Skipping package check"
fi
for tool in meson ninja flatc pkg-config python3 c++; do
  command -v "$tool" >/dev/null 2>&1 || die "required tool not found in PATH: $tool"
done

# 4. Build in a temporary copy of the worker sources.
JOBS="$(nproc 2>/dev/null || echo 2)"
BUILD_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")"
NINJA_PID=""
cleanup() {
  local rc=$?
  # Background jobs of a non-interactive shell ignore SIGINT: stop ninja here.
  if [[ -n "$NINJA_PID" ]] && kill -0 "$NINJA_PID" 2>/dev/null; then
    kill "$NINJA_PID" 2>/dev/null || true
    wait "$NINJA_PID" 2>/dev/null || true
  fi
  if [[ "$rc" -ne 0 || "${ATRIUM_KEEP_BUILD_DIR:-0}" == "1" ]]; then
    log "build directory kept: $BUILD_ROOT"
  else
    rm -rf "$BUILD_ROOT"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "copying worker sources to $BUILD_ROOT/worker"
mkdir -p "$BUILD_ROOT/worker"
# Skip build outputs of earlier (e.g. postinstall) builds.
tar -C "$WORKER_SRC" --exclude=./out -cf - . | tar -C "$BUILD_ROOT/worker" -xf -

log "patching sources"
PYTHONDONTWRITEBYTECODE=1 python3 "$SCRIPT_DIR/patch_sources.py" "$BUILD_ROOT/worker" "$SCRIPT_DIR"

START_TS="$(date +%s)"
log "meson setup (release, offline)"
meson setup \
  --wrap-mode=nodownload \
  --buildtype=release \
  -Db_ndebug=true \
  -Dms_build_tests=false \
  -Dms_build_fuzzer=false \
  "$BUILD_ROOT/build" "$BUILD_ROOT/worker" >"$BUILD_ROOT/meson-setup.log" 2>&1 || {
  tail -n 60 "$BUILD_ROOT/meson-setup.log" >&2
  die "meson setup failed (full log: $BUILD_ROOT/meson-setup.log)"
}

log "compiling with ninja -j$JOBS (takes several minutes; log: $BUILD_ROOT/ninja.log)"
ninja -C "$BUILD_ROOT/build" -j "$JOBS" mediasoup-worker >"$BUILD_ROOT/ninja.log" 2>&1 &
NINJA_PID=$!
# Progress: print the last [N/M] line every 30 s while ninja runs.
while kill -0 "$NINJA_PID" 2>/dev/null; do
  for _ in $(seq 30); do
    kill -0 "$NINJA_PID" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$NINJA_PID" 2>/dev/null; then
    progress="$(grep -o '^\[[0-9]*/[0-9]*\]' "$BUILD_ROOT/ninja.log" | tail -n 1 || true)"
    log "ninja ${progress:-starting} ($(( $(date +%s) - START_TS ))s)"
  fi
done
NINJA_RC=0
wait "$NINJA_PID" || NINJA_RC=$?
if [[ "$NINJA_RC" -ne 0 ]]; then
  grep -E -B2 -A12 'error|FAILED' "$BUILD_ROOT/ninja.log" | tail -n 80 >&2 || tail -n 80 "$BUILD_ROOT/ninja.log" >&2
  die "ninja failed (full log: $BUILD_ROOT/ninja.log)"
fi

BUILT_BIN="$BUILD_ROOT/build/mediasoup-worker"
[[ -f "$BUILT_BIN" ]] || die "ninja succeeded but $BUILT_BIN is missing"
worker_works "$BUILT_BIN" || die "built binary does not start (expected exit code 41 without MEDIASOUP_VERSION)"
log "compiled in $(( $(date +%s) - START_TS ))s"

# Functional checks before the binary is cached or installed.
if [[ "${ATRIUM_MEDIASOUP_SKIP_VERIFY:-0}" == "1" ]]; then
  log "ATRIUM_MEDIASOUP_SKIP_VERIFY=1: skipping functional checks"
else
  NODE_BIN="$REPO_ROOT/node_modules/.bin/node"
  if [[ ! -x "$NODE_BIN" ]]; then
    NODE_BIN="$(command -v node || true)"
  fi
  if [[ -z "$NODE_BIN" ]]; then
    log "WARNING: no node found; skipping functional checks"
  else
    log "verifying: worker/router/WebRtcTransport + SRTP loopback (verify.mjs)"
    MEDIASOUP_WORKER_BIN="$BUILT_BIN" "$NODE_BIN" "$SCRIPT_DIR/verify.mjs" ||
      die "verify.mjs failed for $BUILT_BIN"
    CHROMIUM_BIN="${CHROMIUM_PATH:-/usr/bin/chromium}"
    if [[ -x "$CHROMIUM_BIN" && -d "$REPO_ROOT/node_modules/playwright-core" ]]; then
      log "verifying: DTLS + SRTP with Chromium (verify-chrome.mjs)"
      MEDIASOUP_WORKER_BIN="$BUILT_BIN" CHROMIUM_PATH="$CHROMIUM_BIN" "$NODE_BIN" "$SCRIPT_DIR/verify-chrome.mjs" ||
        die "verify-chrome.mjs failed for $BUILT_BIN"
    else
      log "chromium or playwright-core not available; skipping the Chromium DTLS check"
    fi
  fi
fi

mkdir -p "$CACHE_DIR"
cp "$BUILT_BIN" "$CACHE_DIR/mediasoup-worker.tmp.$$"
mv -f "$CACHE_DIR/mediasoup-worker.tmp.$$" "$CACHED_BIN"
log "cached: $CACHED_BIN"

install_binary "$BUILT_BIN"
log "installed: $TARGET"
