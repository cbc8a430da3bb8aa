#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Checks the .deb's control fields and contents without installing it:
#   check_deb.sh DEB
# - Depends holds what dpkg-shlibdeps found (Qt, GDAL, GEOS, PROJ, glibc) and what the
#   programs load at run time that it cannot see (the Qt SQLite driver, OpenSSL, PROJ's and
#   GDAL's data);
# - the programs, samples, desktop file, icons, file type and report units are under /usr;
# - the report service starts the installed griddesk-cli;
# - no maintainer scripts: Debian's triggers refresh menus, icons and file types.
set -euo pipefail

deb=${1:?usage: check_deb.sh DEB}
[ -f "$deb" ] || {
    echo "FAIL: $deb does not exist; build it first (packaging/package.sh deb)" >&2
    exit 1
}
failures=0
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

depends=$(dpkg-deb --field "$deb" Depends)
for needed in 'libc6 (>= 2.3' libqt6widgets6 libqt6sql6 libgdal32 libgeos-c1v5 libproj25 \
    libqt6sql6-sqlite libssl3 proj-data gdal-data; do
    grep -qF -- "$needed" <<<"$depends" || fail "Depends lacks $needed: $depends"
done
grep -qF fonts-noto-cjk <<<"$(dpkg-deb --field "$deb" Recommends)" \
    || fail "Recommends lacks fonts-noto-cjk"
[ "$(dpkg-deb --field "$deb" Package)" = griddesk ] || fail "the package is not named griddesk"

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for file in ./usr/bin/griddesk ./usr/bin/griddesk-cli ./usr/bin/griddesk-server \
    ./usr/share/griddesk/maps/nyc/sample.json ./usr/share/griddesk/maps/taipei/sample.json \
    ./usr/share/applications/griddesk.desktop ./usr/share/mime/packages/griddesk.xml \
    ./usr/share/icons/hicolor/scalable/apps/griddesk.svg \
    ./usr/share/icons/hicolor/48x48/apps/griddesk.png \
    ./usr/lib/systemd/system/griddesk-report@.service \
    ./usr/lib/systemd/system/griddesk-report-weekly.timer ./usr/share/doc/griddesk/copyright \
    ./usr/share/doc/griddesk/README.md; do
    grep -qxF -- "$file" <<<"$contents" || fail "$file is not in the package"
done
if grep -q -e '/usr/local' -e '_CPack_Packages' <<<"$contents"; then
    fail "files outside /usr or in CPack's staging folder"
fi

service=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/lib/systemd/system/griddesk-report@.service)
grep -q '^ExecStart=/usr/bin/griddesk-cli evaluation ' <<<"$service" \
    || fail "the report service does not start /usr/bin/griddesk-cli"

control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
dpkg-deb --control "$deb" "$control"
for script in preinst postinst prerm postrm; do
    [ ! -e "$control/$script" ] || fail "the package has a $script script"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures problem(s) in $deb" >&2
    exit 1
fi
echo "$deb: $(du -h "$deb" | cut -f1); Depends: $depends"
