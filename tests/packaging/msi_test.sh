#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# The Windows installer recipe, checked on Linux: a tree staged in the Windows layout is made
# into an MSI by packaging/windows/build-msi.sh, read back with msiinfo (tables, properties,
# shortcut, the workspace association, the upgrade rows) and unpacked with msiextract, which
# must give back every staged file unchanged.
#
# The Windows programs are not built here. The .exe and .dll files staged are stand-ins made
# by this test, each saying so in its content; the data beside them is real: the maps, the
# README, PROJ's and GDAL's data files and the built translations.
#
#   msi_test.sh SOURCE_DIR BUILD_DIR VERSION WORK_DIR
#
# VERSION is the build's (MAJOR.MINOR.PATCH); the upgrade is checked against PATCH + 1.
set -euo pipefail

if [ "$#" -ne 4 ]; then
    echo "usage: $0 SOURCE_DIR BUILD_DIR VERSION WORK_DIR" >&2
    exit 2
fi
source_dir=$(readlink -f "$1")
build_dir=$(readlink -f "$2")
version=$3
next_version=${version%.*}.$((${version##*.} + 1))
work=$4
build_msi=$source_dir/packaging/windows/build-msi.sh

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
pass() {
    echo "ok: $*"
}

rm -rf "$work"
mkdir -p "$work"
work=$(readlink -f "$work")
stage=$work/stage

# stand_in PATH VERSION: a file named like a Windows binary that says what it is.
stand_in() {
    mkdir -p "$(dirname "$stage/$1")"
    {
        echo "Stand-in for $1 of GridDesk $2, made by GridDesk's MSI test."
        echo "The Windows build is not made on this machine; this is not a Windows program."
        head -c $((4096 + ${#1} * 97)) /dev/urandom
    } >"$stage/$1"
}

stage_tree() {
    local version=$1
    rm -rf "$stage"
    for binary in bin/griddesk.exe bin/griddesk-cli.exe bin/griddesk-server.exe bin/Qt6Core.dll \
        bin/Qt6Gui.dll bin/Qt6Widgets.dll bin/gdal.dll bin/proj_9.dll bin/geos_c.dll \
        bin/platforms/qwindows.dll bin/sqldrivers/qsqlite.dll; do
        stand_in "$binary" "$version"
    done
    mkdir -p "$stage/share/griddesk" "$stage/share/doc/griddesk" "$stage/share/proj"
    cp -r "$source_dir/maps" "$stage/share/griddesk/maps"
    cp "$source_dir/README.md" "$stage/share/doc/griddesk/README.md"
    cp /usr/share/proj/proj.db /usr/share/proj/proj.ini "$stage/share/proj/"
    cp -r /usr/share/gdal "$stage/share/gdal"
    if compgen -G "$build_dir/translations/*.qm" >/dev/null; then
        mkdir -p "$stage/share/griddesk/translations"
        cp "$build_dir"/translations/*.qm "$stage/share/griddesk/translations/"
    fi
    find "$stage" -type l -delete
}

# row TABLE: the table's rows, without msiinfo's three header lines.
row() {
    msiinfo export "$1" "$2" | tr -d '\r' | tail -n +4
}

stage_tree "$version"
msi=$work/griddesk-$version.msi
"$build_msi" "$stage" "$version" "$msi" || fail "build-msi.sh failed"

tables=$(msiinfo tables "$msi")
for table in Property File Component Directory Feature FeatureComponents Media Shortcut Registry \
    Upgrade InstallExecuteSequence; do
    grep -qx "$table" <<<"$tables" || fail "the MSI has no $table table"
done
pass "tables present"

upgrade_code=$(sed -n 's/.*UpgradeCode="\([^"]*\)".*/\1/p' \
    "$source_dir/packaging/windows/griddesk.wxs")
[ -n "$upgrade_code" ] || fail "griddesk.wxs names no UpgradeCode"
properties=$(row "$msi" Property)
property() {
    awk -F'\t' -v name="$1" '$1 == name { print $2 }' <<<"$properties"
}
[ "$(property ProductVersion)" = "$version" ] \
    || fail "ProductVersion is \"$(property ProductVersion)\""
[ "$(property UpgradeCode)" = "{$upgrade_code}" ] \
    || fail "UpgradeCode is \"$(property UpgradeCode)\""
[ "$(property ProductName)" = GridDesk ] || fail "ProductName is \"$(property ProductName)\""
[ -n "$(property Manufacturer)" ] || fail "no Manufacturer"
[ "$(property ALLUSERS)" = 1 ] || fail "the installation is not per machine"
row "$msi" Upgrade | grep -q "{$upgrade_code}.*WIX_UPGRADE_DETECTED" \
    || fail "no Upgrade row replaces older versions"
row "$msi" Directory | grep -qP '^INSTALLDIR\tProgramFiles64Folder\tGridDesk$' \
    || fail "INSTALLDIR is not GridDesk under ProgramFiles64Folder"
pass "properties: GridDesk $(property ProductVersion), UpgradeCode $(property UpgradeCode)"

exe_id=$(row "$msi" File | awk -F'\t' '$3 == "griddesk.exe" { print $1 }')
[ -n "$exe_id" ] || fail "griddesk.exe is not in the File table"
row "$msi" Shortcut | grep -qP "^\\w+\\tProgramMenuFolder\\tGridDesk\\t\\w+\\t\\[#$exe_id\\]" \
    || fail "no Start-menu shortcut to griddesk.exe"
registry=$(row "$msi" Registry)
grep -qF "Software\\Classes\\GridDesk.Workspace.1\\shell\\open\\command		\"[#$exe_id]\" \"%1\"" \
    <<<"$registry" || fail "the workspace ProgId does not open griddesk.exe \"%1\""
grep -qP '\tSoftware\\Classes\\\.gpkg\\OpenWithProgids\tGridDesk\.Workspace\.1\t' <<<"$registry" \
    || fail ".gpkg does not offer the GridDesk.Workspace.1 ProgId"
pass "Start-menu shortcut and .gpkg association to [#$exe_id]"

staged=$(find "$stage" -type f | wc -l)
listed=$(row "$msi" File | wc -l)
[ "$staged" -eq "$listed" ] || fail "$staged files staged, $listed in the File table"
mkdir -p "$work/extract"
(cd "$work/extract" && msiextract "$msi" >/dev/null 2>"$work/msiextract.err") \
    || { cat "$work/msiextract.err" >&2; fail "msiextract failed"; }
diff -r "$stage" "$work/extract/GridDesk" >&2 \
    || fail "msiextract does not give back the staged tree"
pass "msiextract: all $staged staged files come back unchanged"

# The next version: a new ProductCode, the same UpgradeCode, so it replaces this one.
next_msi=$work/griddesk-$next_version.msi
stage_tree "$next_version"
"$build_msi" "$stage" "$next_version" "$next_msi" >/dev/null \
    || fail "build-msi.sh $next_version failed"
code() {
    row "$1" Property | awk -F'\t' -v name="$2" '$1 == name { print $2 }'
}
[ "$(code "$next_msi" ProductVersion)" = "$next_version" ] || fail "$next_version: wrong version"
[ "$(code "$next_msi" ProductCode)" != "$(code "$msi" ProductCode)" ] \
    || fail "two versions share a ProductCode"
[ "$(code "$next_msi" UpgradeCode)" = "$(code "$msi" UpgradeCode)" ] \
    || fail "two versions have different UpgradeCodes"
pass "$next_version: new ProductCode, same UpgradeCode"

# Bad input is refused with a reason.
set +e
"$build_msi" "$stage" 1.2 "$work/bad.msi" >"$work/bad-version.out" 2>&1
bad_version=$?
mkdir -p "$work/empty"
"$build_msi" "$work/empty" "$version" "$work/bad.msi" >"$work/no-exe.out" 2>&1
no_exe=$?
set -e
[ "$bad_version" -ne 0 ] && grep -q "is not MAJOR.MINOR.PATCH" "$work/bad-version.out" \
    || fail "a version \"1.2\" was not refused"
[ "$no_exe" -ne 0 ] && grep -q "bin/griddesk.exe is missing" "$work/no-exe.out" \
    || fail "a stage without griddesk.exe was not refused"
[ ! -e "$work/bad.msi" ] || fail "a refused build left an MSI behind"
pass "bad version and empty stage refused"

if command -v wine >/dev/null; then
    export WINEPREFIX=$work/wine WINEDEBUG=-all
    installed="$WINEPREFIX/drive_c/Program Files/GridDesk"
    timeout 600 wine msiexec /i "$msi" /qn || fail "wine: install failed"
    cmp "$installed/bin/griddesk-cli.exe" "$work/extract/GridDesk/bin/griddesk-cli.exe" \
        || fail "wine: $version installed different files"
    timeout 600 wine msiexec /i "$next_msi" /qn || fail "wine: upgrade failed"
    cmp "$installed/bin/griddesk-cli.exe" "$stage/bin/griddesk-cli.exe" \
        || fail "wine: the upgrade did not install $next_version's files"
    timeout 600 wine msiexec /x "$next_msi" /qn || fail "wine: uninstall failed"
    [ ! -e "$installed/bin/griddesk.exe" ] || fail "wine: uninstall left griddesk.exe"
    pass "wine: installed $version, upgraded to $next_version, uninstalled"
else
    echo "SKIP: wine is not installed; installing, upgrading and uninstalling were not tried"
fi
echo "all MSI checks passed"
