#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Makes GridDesk's Windows installer from a staged Windows build, with wixl (msitools):
#
#   packaging/windows/build-msi.sh STAGE_DIR VERSION OUT.msi
#
# STAGE_DIR holds the tree as it is installed (see README.md here): bin\griddesk.exe,
# griddesk-cli.exe, griddesk-server.exe, the DLLs and Qt plugins windeployqt put next to them,
# and share\ (griddesk\maps, proj, gdal). VERSION is the product version, MAJOR.MINOR.PATCH.
# The file list comes from wixl-heat; griddesk.wxs holds everything else.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() {
    echo "build-msi: $*" >&2
    exit 1
}

if [ "$#" -ne 3 ]; then
    echo "usage: $0 STAGE_DIR VERSION OUT.msi" >&2
    exit 2
fi
staging_hint="stage the Windows build first (packaging/windows/README.md)"
[ -d "$1" ] || fail "$1 is not a directory: $staging_hint"
stage=$(cd "$1" && pwd)
version=$2
out=$3

[ -f "$stage/bin/griddesk.exe" ] \
    || fail "$stage/bin/griddesk.exe is missing: $staging_hint"
[[ "$version" =~ ^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,5}$ ]] \
    || fail "version \"$version\" is not MAJOR.MINOR.PATCH (numbers, as Windows Installer wants)"
for tool in wixl wixl-heat; do
    command -v "$tool" >/dev/null || fail "$tool is missing (Debian: apt-get install wixl)"
done
links=$(find "$stage" -type l | head -3)
[ -z "$links" ] || fail "the staged tree holds symbolic links, which an MSI cannot: $links"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# heat_group GROUP DIRECTORY_REF PREFIX VARIABLE < file list: one generated fragment; an empty
# group when the list is empty, so griddesk.wxs can always refer to it.
heat_group() {
    local group=$1 directory=$2 prefix=$3 variable=$4 output=$work/$1.wxs
    cat >"$work/$group.list"
    if [ -s "$work/$group.list" ]; then
        wixl-heat -p "$prefix" --component-group "$group" --var "var.$variable" \
            --directory-ref "$directory" --win64 <"$work/$group.list" >"$output"
    else
        {
            echo '<?xml version="1.0" encoding="utf-8"?>'
            echo '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi"><Fragment>'
            echo "<ComponentGroup Id=\"$group\"/></Fragment></Wix>"
        } >"$output"
    fi
}

# wixl finds sources relative to the current directory only.
cd "$stage"
find bin -type f ! -path bin/griddesk.exe | LC_ALL=C sort \
    | heat_group GridDeskBinFiles BINDIR bin/ BinDir
find . -type f ! -path './bin/*' | sed 's|^\./||' | LC_ALL=C sort \
    | heat_group GridDeskDataFiles INSTALLDIR "" StageDir

wixl --arch x64 -D "Version=$version" -D StageDir=. -D BinDir=bin -D Win64=yes \
    -o "$work/griddesk.msi" "$here/griddesk.wxs" "$work/GridDeskBinFiles.wxs" \
    "$work/GridDeskDataFiles.wxs" || fail "wixl could not build the installer"
cd - >/dev/null
mv -f "$work/griddesk.msi" "$out"
files=$(($(wc -l <"$work/GridDeskBinFiles.list") + $(wc -l <"$work/GridDeskDataFiles.list") + 1))
echo "build-msi: $out ($(du -h "$out" | cut -f1), $files files, version $version)"
