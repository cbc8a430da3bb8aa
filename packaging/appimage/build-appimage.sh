#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Makes GridDesk's AppImage from the relocatable bundle:
#
#   packaging/appimage/build-appimage.sh BUNDLE_DIR RUNTIME VERSION OUT.AppImage
#
# BUNDLE_DIR is the bundle's griddesk/ directory (bin/griddesk, lib/, plugins/, share/…),
# RUNTIME the griddesk-appimage-runtime executable built by CMake. The bundle becomes the
# AppDir, with AppRun, griddesk.desktop, griddesk.png and .DirIcon added at its root; the
# AppImage is the runtime (stripped, marked as an AppImage of type 2) followed by the AppDir
# as a zstd-compressed squashfs image.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() {
    echo "build-appimage: $*" >&2
    exit 1
}

if [ "$#" -ne 4 ]; then
    echo "usage: $0 BUNDLE_DIR RUNTIME VERSION OUT.AppImage" >&2
    exit 2
fi
bundle=${1%/}
runtime=$2
version=$3
out=$4

[ -x "$bundle/bin/griddesk" ] || fail "$bundle/bin/griddesk is missing: build the bundle first"
desktop=$bundle/share/applications/griddesk.desktop
[ -f "$desktop" ] || fail "$desktop is missing: the bundle has no desktop entry"
[ -x "$runtime" ] || fail "the runtime $runtime is missing: build griddesk-appimage-runtime"
command -v mksquashfs >/dev/null \
    || fail "mksquashfs is missing (Debian: apt-get install squashfs-tools)"

# The bundle's 256-pixel PNG icon (or the nearest size) stands for the AppImage.
icon=
for size in 256x256 512x512 128x128 64x64 48x48; do
    candidate=$bundle/share/icons/hicolor/$size/apps/griddesk.png
    if [ -f "$candidate" ]; then
        icon=$candidate
        break
    fi
done
[ -n "$icon" ] || fail "no griddesk.png under $bundle/share/icons/hicolor/*/apps"

work=$(mktemp -d "$(dirname "$out")/.appimage-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
appdir=$work/AppDir

# Hard links when the bundle is on the same file system: nothing in it is changed, only new
# files are added at the root.
cp -al "$bundle" "$appdir" 2>/dev/null || { rm -rf "$appdir"; cp -a "$bundle" "$appdir"; }
install -m 755 "$here/AppRun" "$appdir/AppRun"
cp "$icon" "$appdir/griddesk.png"
ln -s griddesk.png "$appdir/.DirIcon"
awk -v version="$version" '
    /^X-AppImage-Version=/ { next }
    { print }
    /^\[Desktop Entry\]/ { print "X-AppImage-Version=" version }
' "$desktop" >"$appdir/griddesk.desktop"

# The type-2 mark: "AI" and 2 in the padding of the ELF identification bytes.
strip -o "$work/runtime" "$runtime"
printf 'AI\002' | dd of="$work/runtime" bs=1 seek=8 conv=notrunc status=none

mksquashfs "$appdir" "$work/image.squashfs" -root-owned -all-root -noappend -comp zstd \
    -quiet -no-progress >/dev/null
cat "$work/runtime" "$work/image.squashfs" >"$work/out.AppImage"
chmod 755 "$work/out.AppImage"
mv -f "$work/out.AppImage" "$out"
echo "build-appimage: $out ($(du -h "$out" | cut -f1), runtime $(stat -c %s "$work/runtime") bytes)"
