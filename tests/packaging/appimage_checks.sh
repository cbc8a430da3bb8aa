#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Checks an AppImage made by packaging/appimage/build-appimage.sh from the outside:
#
#   appimage_checks.sh CHECKER APPIMAGE BUNDLE_DIR VERSION WORK_DIR
#
# CHECKER is tests/packaging/appimagecheck (libappimage), BUNDLE_DIR the bundle the AppImage
# was made from; `griddesk --version` must print the line "GridDesk VERSION". Every run of the AppImage has a
# time limit, so a hanging runtime fails the test instead of stalling it.
set -euo pipefail

if [ "$#" -ne 5 ]; then
    echo "usage: $0 CHECKER APPIMAGE BUNDLE_DIR VERSION WORK_DIR" >&2
    exit 2
fi
checker=$1
appimage=$(readlink -f "$2")
bundle=$(readlink -f "$3")
version=$4
work=$5

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
pass() {
    echo "ok: $*"
}

# run OUTPUT COMMAND…: runs with a time limit, stdout and stderr into OUTPUT, status in $status.
run() {
    local output=$1
    shift
    set +e
    timeout --kill-after=10 180 "$@" >"$output" 2>&1
    status=$?
    set -e
}

expect_output() {
    local output=$1 pattern=$2 what=$3
    grep -q -e "$pattern" "$output" && return
    cat "$output" >&2
    fail "$what: no \"$pattern\" in the output"
}

expect_version() {
    local output=$1 what=$2
    grep -qxF "GridDesk $version" "$output" && return
    cat "$output" >&2
    fail "$what: no line \"GridDesk $version\" in the output"
}

# A refusal: non-zero, and not the time limit's 124.
expect_refusal() {
    [ "$status" -ne 0 ] && [ "$status" -ne 124 ] || fail "$1 exited $status"
}

expect_clean_tmp() {
    [ -z "$(ls -A "$TMPDIR")" ] || { ls -la "$TMPDIR" >&2; fail "$1 left files in TMPDIR"; }
}

[ ! -d "$work" ] || chmod -R u+w "$work"
rm -rf "$work"
mkdir -p "$work/tmp" "$work/runtime"
chmod 700 "$work/runtime"
# TMPDIR holds only what the AppImage's runtime makes; Qt's runtime directory goes elsewhere.
export TMPDIR=$work/tmp XDG_RUNTIME_DIR=$work/runtime QT_QPA_PLATFORM=offscreen
unset APPIMAGE_EXTRACT_AND_RUN GRIDDESK_APPIMAGE_PROGRAM

# libappimage, the library desktop tools use, must take it for a type-2 AppImage.
"$checker" "$appimage" "$work/libappimage.list" AppRun griddesk.desktop griddesk.png .DirIcon \
    bin/griddesk bin/griddesk-cli >"$work/checker.out" 2>&1 \
    || { cat "$work/checker.out" >&2; fail "libappimage does not accept $appimage"; }
payload=$(sed -n 's/.*payload at \([0-9]*\).*/\1/p' "$work/checker.out")
offset=$("$appimage" --appimage-offset)
[ "$payload" = "$offset" ] || fail "libappimage finds the image at $payload, the runtime at $offset"
pass "libappimage: type 2, image at byte $offset, $(wc -l <"$work/libappimage.list") paths"

# --appimage-extract gives the same paths, and the bundle's files with their contents and modes.
(cd "$work" && timeout 300 "$appimage" --appimage-extract >extract.out) \
    || fail "--appimage-extract failed"
(cd "$work/squashfs-root" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort) \
    >"$work/extract.list"
LC_ALL=C sort "$work/libappimage.list" >"$work/libappimage.sorted"
diff "$work/libappimage.sorted" "$work/extract.list" >&2 \
    || fail "--appimage-extract and libappimage list different paths"
diff -r --no-dereference "$bundle" "$work/squashfs-root" >"$work/diff.out" 2>&1 || true
grep -v -E "^Only in $work/squashfs-root: (AppRun|griddesk\.desktop|griddesk\.png|\.DirIcon)\$" \
    "$work/diff.out" >"$work/diff.rest" || true
if [ -s "$work/diff.rest" ]; then
    head -20 "$work/diff.rest" >&2
    fail "extracted files differ from the bundle"
fi
modes() {
    (cd "$1" && find . -mindepth 1 -printf '%P %y %m %l\n' \
        | grep -v -E '^(AppRun|griddesk\.desktop|griddesk\.png|\.DirIcon) ' | LC_ALL=C sort)
}
diff <(modes "$bundle") <(modes "$work/squashfs-root") >&2 || fail "extracted modes or links differ"
pass "--appimage-extract: same paths as libappimage, contents and modes as the bundle"

# What AppImage desktop integration reads at the root.
root=$work/squashfs-root
[ "$(readlink "$root/.DirIcon")" = griddesk.png ] || fail ".DirIcon does not point to griddesk.png"
[ "$(head -c 8 "$root/griddesk.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
    || fail "griddesk.png is not a PNG image"
grep -qxF "X-AppImage-Version=$version" "$root/griddesk.desktop" \
    || fail "griddesk.desktop has no X-AppImage-Version=$version"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/griddesk.desktop" || fail "griddesk.desktop is not valid"
fi
pass "root: griddesk.desktop, griddesk.png and .DirIcon"

# Without FUSE: extract, run, clean up.
run "$work/run.out" "$appimage" --appimage-extract-and-run --version
if [ "$status" -ne 0 ]; then
    cat "$work/run.out" >&2
    fail "--appimage-extract-and-run exited $status"
fi
expect_version "$work/run.out" "--appimage-extract-and-run --version"
expect_clean_tmp "--appimage-extract-and-run"
pass "--appimage-extract-and-run --version: GridDesk $version"

# The program is chosen by the name the AppImage is started as; exit codes come through.
ln -s "$appimage" "$work/griddesk-cli"
run "$work/direct.out" "$work/squashfs-root/bin/griddesk-cli" --help
direct_status=$status
APPIMAGE_EXTRACT_AND_RUN=1 run "$work/link.out" "$work/griddesk-cli" --help
[ "$status" -eq "$direct_status" ] \
    || fail "griddesk-cli --help: $direct_status directly, $status via the AppImage"
diff "$work/direct.out" "$work/link.out" >&2 \
    || fail "the link griddesk-cli did not start griddesk-cli"
run "$work/direct.out" "$work/squashfs-root/bin/griddesk-cli" no-such-command
direct_status=$status
APPIMAGE_EXTRACT_AND_RUN=1 run "$work/link.out" "$work/griddesk-cli" no-such-command
[ "$direct_status" -ne 0 ] && [ "$status" -eq "$direct_status" ] \
    || fail "griddesk-cli no-such-command: $direct_status directly, $status via the AppImage"
expect_clean_tmp "APPIMAGE_EXTRACT_AND_RUN=1"
pass "APPIMAGE_EXTRACT_AND_RUN=1 through a link named griddesk-cli: same output, exit code $status"

# A truncated copy is named as such, quickly, and leaves nothing behind.
size=$(stat -c %s "$appimage")
head -c $((offset + (size - offset) / 2)) "$appimage" >"$work/half.AppImage"
head -c $((offset + 64)) "$appimage" >"$work/runtime-only.AppImage"
chmod 755 "$work/half.AppImage" "$work/runtime-only.AppImage"
run "$work/half.out" "$work/half.AppImage" --appimage-extract-and-run --version
expect_refusal "a truncated copy"
expect_output "$work/half.out" "is truncated" "a copy cut in half"
run "$work/short.out" "$work/runtime-only.AppImage" --version
expect_refusal "a copy without its image"
expect_output "$work/short.out" "holds no squashfs image" "a copy without its image"
expect_clean_tmp "the truncated copies"
pass "truncated copies: $(head -1 "$work/half.out")"

# Mounted with FUSE where this machine lets us; otherwise the refusal must say what to do.
fuse_usable() {
    [ -c /dev/fuse ] && [ -r /dev/fuse ] && [ -w /dev/fuse ] && command -v fusermount3 >/dev/null
}
if fuse_usable; then
    run "$work/mount.out" "$appimage" --version
    if [ "$status" -ne 0 ]; then
        cat "$work/mount.out" >&2
        fail "the mounted AppImage exited $status"
    fi
    expect_version "$work/mount.out" "--version through FUSE"
    ! grep -q " $TMPDIR/" /proc/self/mountinfo || fail "the image is still mounted"
    expect_clean_tmp "the FUSE mount"
    pass "mounted with FUSE: GridDesk $version"
else
    run "$work/nofuse.out" "$appimage" --version
    expect_refusal "without usable FUSE the AppImage"
    expect_output "$work/nofuse.out" "--appimage-extract-and-run" "the message without FUSE"
    echo "SKIP: mounting not checked: /dev/fuse or fusermount3 is not usable here;" \
        "the refusal names --appimage-extract-and-run"
fi

# With /dev/fuse hidden (needs root for a private mount namespace).
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
    : >"$work/not-a-device"
    run "$work/hidden.out" unshare --mount sh -c \
        'mount --bind "$1" /dev/fuse && exec "$2" --version' sh "$work/not-a-device" "$appimage"
    expect_refusal "with /dev/fuse hidden the AppImage"
    expect_output "$work/hidden.out" "/dev/fuse" "the message without /dev/fuse"
    expect_output "$work/hidden.out" "--appimage-extract-and-run" "the message without /dev/fuse"
    pass "without /dev/fuse: $(head -1 "$work/hidden.out")"
else
    echo "SKIP: hiding /dev/fuse needs root and unshare"
fi
echo "all AppImage checks passed"
