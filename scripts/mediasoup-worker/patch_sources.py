#!/usr/bin/env python3
"""Patch a *copy* of mediasoup's worker source tree so it builds offline on
Debian 12 against system libraries. See README.md for why each patch exists.

usage: patch_sources.py WORKER_COPY_DIR SUPPORT_DIR

Every patch must match exactly as expected; anything unexpected aborts the
build (exit 1) instead of silently producing a different binary.
"""

import re
import shutil
import sys
from pathlib import Path

# Wraps that download sources at configure time, replaced by the local
# subprojects in SUPPORT_DIR/subprojects (same names as mediasoup's
# subproject() calls). catch2 and wingetopt are left alone: they are only used
# for tests (disabled) and Windows builds.
REPLACED_WRAPS = {
    "libuv.wrap": "libuv",
    "openssl.wrap": "openssl",
    "libsrtp3.wrap": "libsrtp3",
    "flatbuffers.wrap": "flatbuffers",
    "abseil-cpp.wrap": "abseil-cpp",
    "unordered-dense.wrap": "unordered-dense",
}


def fail(msg):
    print(f"[mediasoup-worker] patch failed: {msg}", file=sys.stderr)
    sys.exit(1)


def log(msg):
    print(f"[mediasoup-worker] {msg}", flush=True)


def sub_exactly_once(path, pattern, replacement, what):
    text = path.read_text()
    new_text, count = re.subn(pattern, replacement, text)
    if count != 1:
        fail(f"{what}: expected exactly 1 match of /{pattern}/ in {path}, found {count}")
    path.write_text(new_text)
    log(f"patched {what}")


def main():
    if len(sys.argv) != 3:
        fail("usage: patch_sources.py WORKER_COPY_DIR SUPPORT_DIR")

    worker = Path(sys.argv[1]).resolve()
    support = Path(sys.argv[2]).resolve()
    meson_build = worker / "meson.build"
    subprojects = worker / "subprojects"

    if not meson_build.is_file():
        fail(f"{meson_build} not found")

    # (b) Debian 12 has meson 1.0.1; nothing in the worker's build files needs
    # more than 1.0 once the downloading wraps are gone.
    sub_exactly_once(
        meson_build,
        r"meson_version\s*:\s*'>=\s*1\.[1-9][0-9.]*'",
        "meson_version: '>= 1.0.0'",
        "meson_version -> '>= 1.0.0'",
    )

    # (a)+(d) unordered_dense is looked up with dependency(), which only finds
    # subprojects through a wrap's [provide] section. Use the local subproject
    # explicitly instead.
    sub_exactly_once(
        meson_build,
        r"dependency\(\s*'unordered_dense'\s*\)",
        "subproject('unordered-dense').get_variable('ankerl_unordered_dense_dep')",
        "unordered_dense dependency -> local subproject",
    )

    # (a) Replace downloading wraps with local subprojects using system libs.
    for wrap, directory in REPLACED_WRAPS.items():
        wrap_path = subprojects / wrap
        if not wrap_path.is_file():
            fail(f"expected wrap {wrap_path} not found (mediasoup layout changed?)")
        wrap_path.unlink()
        src = support / "subprojects" / directory
        if not (src / "meson.build").is_file():
            fail(f"local subproject {src} missing")
        dst = subprojects / directory
        if dst.exists():
            fail(f"{dst} already exists in the worker copy")
        shutil.copytree(src, dst)
        log(f"subproject {directory}: {wrap} -> local system-library subproject")

    # Patch files referenced only by the removed unordered-dense wrap.
    packagefiles = subprojects / "packagefiles" / "ankerl-unordered-dense"
    if packagefiles.is_dir():
        shutil.rmtree(packagefiles)

    # Every remaining subproject() call must have a local directory or a wrap
    # that is actually used only conditionally (catch2: tests, wingetopt: Windows).
    for path in [meson_build, worker / "deps" / "libwebrtc" / "meson.build"]:
        for name in re.findall(r"subproject\(\s*'([^']+)'", path.read_text()):
            if name in ("catch2", "wingetopt"):
                continue
            if not (subprojects / name / "meson.build").is_file():
                fail(f"{path} uses subproject '{name}' which has no local replacement")

    # Build-order race: deps/libwebrtc includes the generated FBS/*.h headers
    # (through Logger.hpp) but its library target does not depend on the flatc
    # custom target, so with -j2 a libwebrtc file can compile before the headers
    # exist ("FBS/notification.h: No such file or directory"). Add the
    # generator dependency (order-only: headers are generated first).
    sub_exactly_once(
        worker / "deps" / "libwebrtc" / "meson.build",
        r"(libwebrtc\s*=\s*library\(\s*'libwebrtc',\s*libwebrtc_sources,\s*dependencies\s*:\s*\[)",
        r"\1\n    flatbuffers_generator_dep,",
        "deps/libwebrtc/meson.build: depend on the flatc generator (build-order race)",
    )

    # (e) OpenSSL 3 kTLS crash: onSslBioOut() returns 1 for every "after"
    # callback except a bare BIO_CB_RETURN, so BIO_ctrl(BIO_CTRL_GET_KTLS_SEND)
    # reports kTLS as enabled on the memory BIO, OpenSSL then never allocates
    # its write buffer and the first DTLS handshake (Chrome) segfaults. Return
    # the real `ret` for every BIO_CB_RETURN callback.
    sub_exactly_once(
        worker / "src" / "RTC" / "DtlsTransport.cpp",
        r"\(\s*operationType\s*==\s*BIO_CB_RETURN\s*\)\s*\?\s*static_cast<long>\(\s*ret\s*\)\s*:\s*1",
        "((operationType & BIO_CB_RETURN) != 0) ? static_cast<long>(ret) : 1",
        "DtlsTransport.cpp onSslBioOut BIO_CB_RETURN handling (kTLS crash fix)",
    )



if __name__ == "__main__":
    main()
