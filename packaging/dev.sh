#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Sets up a Debian 12 machine for GridDesk and builds it, then either starts the workstation
# or runs the whole test suite:
#
#   packaging/dev.sh run [WORKSPACE.gpkg] [--sample nyc|taipei]
#   packaging/dev.sh test
#   packaging/dev.sh bench
#   packaging/dev.sh install-packaging   (only installs what packaging/package.sh needs)
#
# Only packages that are missing are installed (with sudo when not root).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

build_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-positioning-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-websockets-dev
    qt6-httpserver-dev qt6-charts-dev libsodium-dev libssl-dev libpq-dev libqt6sql6-psql
    libgdal-dev libgeos-dev libproj-dev libsqlite3-dev libgl-dev
    gdal-bin proj-data qt6-translations-l10n
    fonts-noto-cjk fonts-dejavu-core
    # the AppImage runtime (static archives)
    libsquashfuse-dev libfuse3-dev libzstd-dev liblzma-dev liblz4-dev zlib1g-dev liblzo2-dev
)
# Building the Linux packages (packaging/package.sh): patchelf sets the bundle's RUNPATHs,
# rsvg-convert draws the icon's sizes, dpkg-shlibdeps (dpkg-dev) finds the .deb's dependencies.
packaging_packages=(patchelf librsvg2-bin dpkg-dev file)
# mksquashfs makes the AppImage's image; wixl and msitools build the MSI and read it back.
packaging_packages+=(squashfs-tools wixl msitools)
# QGIS: exported styles are opened in it; poppler-utils: pdftotext reads the PDF exports back;
# debootstrap makes the clean Debian root the packages are tried in (tests/packaging);
# desktop-file-utils and shared-mime-info check the desktop file and the workspace file type.
test_packages=(xvfb xauth sqlite3 python3-qgis poppler-utils postgresql postgresql-15-postgis-3
    debootstrap desktop-file-utils shared-mime-info "${packaging_packages[@]}")
# libappimage-dev and fuse3: the AppImage read by another program and mounted
test_packages+=(libappimage-dev fuse3)
bench_packages=(spatialite-bin curl openssl)

missing_packages() {
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$package"
        fi
    done
}

install_missing() {
    local missing
    mapfile -t missing < <(missing_packages "$@")
    if [ "${#missing[@]}" -eq 0 ]; then
        return
    fi
    echo "GridDesk: installing missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}

configure_and_build() {
    cmake --preset default
    cmake --build --preset default -j "$(nproc)"
}

command=${1:-}
shift || true
case "$command" in
run)
    install_missing "${build_packages[@]}"
    configure_and_build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        install_missing xvfb xauth
        echo "GridDesk: no display found; starting the workstation under Xvfb (nothing will be"
        echo "visible). Run this from a desktop session to see the window."
        exec xvfb-run -a -s "-screen 0 1920x1080x24" build/app/griddesk "$@"
    fi
    exec build/app/griddesk "$@"
    ;;
test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    configure_and_build
    # The server's suite runs a second time against PostgreSQL: a throwaway cluster on
    # loopback, stopped however the tests end.
    # (Under /tmp: as root the cluster runs as the postgres account, which must reach it.)
    pg_dir=$(mktemp -d /tmp/griddesk-test-postgres.XXXXXX)
    GRIDDESK_TEST_POSTGRES=$(packaging/testpg.sh start "$pg_dir")
    export GRIDDESK_TEST_POSTGRES GRIDDESK_REQUIRE_POSTGRES=1
    trap 'packaging/testpg.sh stop "$pg_dir"; rm -rf "$pg_dir"' EXIT
    ctest --preset default -j "$(nproc)"
    ;;
install-packaging)
    install_missing "${build_packages[@]}" "${packaging_packages[@]}"
    ;;
bench)
    install_missing "${build_packages[@]}" "${test_packages[@]}" "${bench_packages[@]}"
    configure_and_build
    cmake --build --preset default --target bench
    ;;
*)
    echo "usage: packaging/dev.sh run [WORKSPACE.gpkg] [--sample nyc|taipei] | test | bench |" \
        "install-packaging" >&2
    exit 2
    ;;
esac
