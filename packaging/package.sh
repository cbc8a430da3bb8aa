#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Builds GridDesk's Linux packages, one command each:
#
#   packaging/package.sh bundle    build/bundle/griddesk/, the relocatable folder
#   packaging/package.sh tarball   build/griddesk-VERSION-linux-x86_64.tar.gz of that folder
#   packaging/package.sh deb       build/deb/griddesk_VERSION-1_amd64.deb
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
    echo "usage: packaging/package.sh bundle | tarball | deb" >&2
    exit 2
}

configure() {
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
}

command=${1:-}
case "$command" in
bundle | tarball | deb) ;;
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
esac
