#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Builds GridDesk's Linux packages, one command each:
#
#   packaging/package.sh bundle    build/bundle/griddesk/, the relocatable folder
#   packaging/package.sh tarball   build/griddesk-VERSION-linux-x86_64.tar.gz of that folder
#   packaging/package.sh deb       build/deb/griddesk_VERSION-1_amd64.deb
#   packaging/package.sh appimage  build/griddesk-VERSION-x86_64.AppImage (packaging/appimage)
#   packaging/package.sh msi STAGE_DIR
#                                  build/griddesk-VERSION-x64.msi from a staged Windows build
#                                  (packaging/windows/README.md)
#
# Each installs the Debian packages it needs when they are missing (packaging/dev.sh), configures
# the build tree (BUILD_DIR, default build/) when it has not been, and builds only the programs
# and what the package needs. The binaries need glibc 2.36 or newer (Debian 12, Ubuntu 22.10 and
# later).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build_dir=${BUILD_DIR:-build}

usage() {
    echo "usage: packaging/package.sh bundle | tarball | deb | appimage | msi STAGE_DIR" >&2
    exit 2
}

configure() {
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
}

command=${1:-}
case "$command" in
bundle | tarball | deb | appimage) ;;
msi)
    # The Windows build is staged elsewhere; this only packs it, with wixl.
    [ "$#" -eq 2 ] || usage
    packaging/dev.sh install-packaging
    version=$(sed -n 's/^project(GridDesk VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
    mkdir -p "$build_dir"
    stage=$2
    [[ "$stage" == /* ]] || stage=$OLDPWD/$stage # given from where package.sh was started
    exec packaging/windows/build-msi.sh "$stage" "$version" "$build_dir/griddesk-$version-x64.msi"
    ;;
*) usage ;;
esac

packaging/dev.sh install-packaging
configure
cmake --build "$build_dir" --target "$command"

case "$command" in
bundle)
    echo "GridDesk: the bundle is in $build_dir/bundle/griddesk"
    ;;
tarball)
    ls -l "$build_dir"/griddesk-*-linux-*.tar.gz
    ;;
deb)
    ls -l "$build_dir"/deb/griddesk_*.deb
    ;;
appimage)
    ls -l "$build_dir"/griddesk-*.AppImage
    ;;
esac
