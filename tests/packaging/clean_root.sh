#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Tries GridDesk's Linux packages on a clean Debian 12 root filesystem, made with
# `debootstrap --variant=minbase bookworm` from Debian's mirror and kept in CACHE_DIR so that later
# runs start at once. Each run works on a fresh copy of it under WORK_DIR.
#
#   clean_root.sh tarball TARBALL CACHE_DIR WORK_DIR IMAGE_CHECK
#       The tarball unpacked into /opt of a root that has only what its README asks of the host
#       (libgl1 libegl1 libopengl0 libfontconfig1 and their dependencies); griddesk-cli imports,
#       reprojects and renders the New York sample, and the workstation, offscreen, builds a
#       workspace from that sample and saves a screenshot, which IMAGE_CHECK looks at.
#   clean_root.sh deb DEB CACHE_DIR WORK_DIR IMAGE_CHECK
#       `apt-get install DEB` (without recommended packages) into the bare root, then the same
#       commands on the installed programs.
#
# Needs root (chroot, mount) and debootstrap; without them it says so and ends with 77, which
# CTest reports as skipped. GRIDDESK_DEBIAN_MIRROR overrides the mirror (default
# http://deb.debian.org/debian, as the machines' apt sources).
set -euo pipefail

SKIP=77
mirror=${GRIDDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${GRIDDESK_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
host_libraries=(libgl1 libegl1 libopengl0 libfontconfig1)

mode=${1:-}
package=${2:-}
cache_dir=${3:-}
work_dir=${4:-}
image_check=${5:-}
if [ -z "$mode" ] || [ -z "$package" ] || [ -z "$cache_dir" ] || [ -z "$work_dir" ] \
    || [ -z "$image_check" ]; then
    echo "usage: clean_root.sh tarball|deb PACKAGE CACHE_DIR WORK_DIR IMAGE_CHECK" >&2
    exit 2
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "SKIPPED: trying the packages on a clean root needs root (chroot, mount)"
    exit "$SKIP"
fi
if ! command -v debootstrap >/dev/null; then
    echo "SKIPPED: debootstrap is not installed (Debian: debootstrap; packaging/dev.sh test" \
        "installs it)"
    exit "$SKIP"
fi
if [ ! -f "$package" ]; then
    echo "FAIL: $package does not exist; build it first (packaging/package.sh $mode)" >&2
    exit 1
fi

say() { printf '== [%3d s] %s\n' "$SECONDS" "$*"; }
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}

# Runs a command in the root as a fresh login would, with nothing from this shell's environment.
in_root() {
    chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}

unmount_proc() {
    local target=$1/proc
    if mountpoint -q "$target"; then
        umount "$target"
    fi
}

# Undoes fresh_root: /proc and the overlay unmounted, the copy or the overlay's changes removed.
release_root() {
    [ -n "${root:-}" ] || return 0
    unmount_proc "$root"
    if mountpoint -q "$root"; then
        umount "$root"
    fi
    rm -rf --one-file-system "$root" "$work_dir/changes" "$work_dir/overlay-work"
}

# A throwaway root made from a cached one, its /proc mounted: an overlay on the cache where the
# kernel allows it (nothing copied, only the changes written and removed), else, or with "copy",
# a copy.
fresh_root() {
    local from=$1 how=${2:-overlay}
    root=$work_dir/root
    release_root
    mkdir -p "$root" "$work_dir/changes" "$work_dir/overlay-work"
    if [ "$how" = copy ] || ! mount -t overlay overlay \
        -o "lowerdir=$from,upperdir=$work_dir/changes,workdir=$work_dir/overlay-work" "$root" \
        2>/dev/null; then
        rmdir "$root"
        cp -a "$from" "$root"
    fi
    trap release_root EXIT
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    # A throwaway root: dpkg need not sync every file it unpacks.
    echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/griddesk-test-unsafe-io"
    mount -t proc proc "$root/proc" \
        || fail "cannot mount /proc in the root (a container without CAP_SYS_ADMIN?)"
}

# The bare minbase root, made once (under a lock: the two tests may run at the same time).
base_root() {
    local base=$cache_dir/bookworm-minbase
    if [ -f "$base/.griddesk-complete" ]; then
        return
    fi
    say "making a clean Debian 12 root in $base (debootstrap --variant=minbase, minutes)"
    rm -rf --one-file-system "$base.partial"
    debootstrap --variant=minbase bookworm "$base.partial" "$mirror" >"$cache_dir/debootstrap.log" \
        || fail "debootstrap failed; see $cache_dir/debootstrap.log"
    cat >"$base.partial/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security_mirror bookworm-security main
EOF
    # Nothing installed into the root starts a service.
    printf '#!/bin/sh\nexit 101\n' >"$base.partial/usr/sbin/policy-rc.d"
    chmod +x "$base.partial/usr/sbin/policy-rc.d"
    rm -rf "$base.partial/var/cache/apt/archives/"*.deb
    touch "$base.partial/.griddesk-complete"
    mv "$base.partial" "$base"
}

# The minbase root with the host libraries the tarball's README asks for, made once.
host_root() {
    local with=$cache_dir/bookworm-minbase-host-libraries
    if [ -f "$with/.griddesk-complete" ]; then
        return
    fi
    say "adding the host libraries the bundle expects: ${host_libraries[*]}"
    fresh_root "$cache_dir/bookworm-minbase" copy
    in_root apt-get update -qq
    in_root apt-get install -y -qq --no-install-recommends "${host_libraries[@]}" >/dev/null
    in_root apt-get clean
    unmount_proc "$root"
    trap - EXIT
    rm "$root/etc/dpkg/dpkg.cfg.d/griddesk-test-unsafe-io"
    rm -rf --one-file-system "$with.partial"
    mv "$root" "$with.partial"
    mv "$with.partial" "$with"
}

prepare_cache() {
    mkdir -p "$cache_dir"
    exec 9>"$cache_dir/.lock"
    flock 9
    base_root
    if [ "$mode" = tarball ]; then
        host_root
    fi
    flock -u 9
}

expect_in() {
    local what=$1 text=$2 expected=$3
    if ! grep -q -- "$expected" <<<"$text"; then
        fail "$what: expected \"$expected\" in:
$text"
    fi
}

# The same commands for both packages: the program folder is $1 inside the root.
try_programs() {
    local bin=$1 maps=$2
    local out

    out=$(in_root "$bin/griddesk-cli" --version) || fail "griddesk-cli --version failed"
    expect_in "griddesk-cli --version" "$out" "griddesk-cli [0-9]"
    say "$out"

    mkdir -p "$root/tmp/try"
    in_root "$bin/griddesk-cli" import-grids /tmp/try/city.gpkg "$maps/nyc/nyc_boroughs.geojson" \
        --level district --code-field borough_code --name-field name \
        || fail "griddesk-cli import-grids failed"
    out=$(in_root "$bin/griddesk-cli" grids /tmp/try/city.gpkg --json) \
        || fail "griddesk-cli grids failed"
    expect_in "griddesk-cli grids" "$out" "Manhattan"
    expect_in "griddesk-cli grids" "$out" "Staten Island"

    # Reprojection to New York's state plane needs PROJ's database (proj.db).
    in_root "$bin/griddesk-cli" export-grids /tmp/try/city.gpkg /tmp/try/boroughs.shp \
        --crs EPSG:2263 || fail "griddesk-cli export-grids --crs EPSG:2263 failed"
    expect_in "the exported .prj" "$(cat "$root/tmp/try/boroughs.prj")" "Long_Island"

    in_root "$bin/griddesk-cli" render /tmp/try/city.gpkg /tmp/try/render.png --size 640x480 \
        || fail "griddesk-cli render failed"
    "$image_check" "$root/tmp/try/render.png" 640 480 8 || fail "the rendered map is blank"

    say "the workstation, offscreen: the New York sample into a new workspace, a screenshot"
    local started=$SECONDS
    in_root /usr/bin/timeout 600 /usr/bin/env QT_QPA_PLATFORM=offscreen "$bin/griddesk" \
        --sample nyc /tmp/try/nyc.gpkg --screenshot /tmp/try/workstation.png \
        || fail "the workstation did not open the sample and save its screenshot"
    say "the workstation took $((SECONDS - started)) s"
    cp "$root/tmp/try/workstation.png" "$root/tmp/try/render.png" "$work_dir/"
    "$image_check" "$root/tmp/try/workstation.png" 640 480 64 \
        || fail "the workstation's screenshot shows too little"
    say "griddesk-cli cases on the workstation's workspace"
    out=$(in_root "$bin/griddesk-cli" cases /tmp/try/nyc.gpkg --json) \
        || fail "griddesk-cli cases failed on the workstation's workspace"
    expect_in "the cases of the workstation's workspace" "$out" "\"id\""
}

try_tarball() {
    fresh_root "$cache_dir/bookworm-minbase-host-libraries"
    say "unpacking $(basename "$package") into /opt of the clean root"
    mkdir -p "$root/opt"
    tar -xzf "$package" -C "$root/opt"
    [ -x "$root/opt/griddesk/bin/griddesk" ] || fail "the tarball has no griddesk/bin/griddesk"
    local missing
    missing=$(in_root /usr/bin/ldd /opt/griddesk/bin/griddesk /opt/griddesk/bin/griddesk-cli \
        /opt/griddesk/bin/griddesk-server /opt/griddesk/plugins/platforms/libqoffscreen.so \
        | grep 'not found' || true)
    [ -z "$missing" ] || fail "libraries missing on the clean root:
$missing"
    try_programs /opt/griddesk/bin /opt/griddesk/share/griddesk/maps
}

try_deb() {
    fresh_root "$cache_dir/bookworm-minbase"
    local name archives=$cache_dir/apt-archives
    name=$(basename "$package")
    cp "$package" "$root/tmp/$name"
    # Packages fetched by earlier runs are offered again rather than downloaded.
    mkdir -p "$archives"
    find "$archives" -name '*.deb' -exec cp -t "$root/var/cache/apt/archives/" {} +
    say "apt-get update, then apt-get install ./$name on the clean root"
    in_root apt-get update -qq
    say "apt-get install ./$name"
    in_root sh -c "cd /tmp && apt-get install -y -qq --no-install-recommends ./$name" \
        >"$work_dir/apt.log" 2>&1 \
        || fail "apt-get install ./$name failed: $(tail -20 "$work_dir/apt.log")"
    find "$root/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec cp -u -t "$archives/" {} +

    local files
    files=$(in_root dpkg -L griddesk)
    for file in /usr/bin/griddesk /usr/bin/griddesk-cli /usr/bin/griddesk-server \
        /usr/share/applications/griddesk.desktop /usr/share/mime/packages/griddesk.xml \
        /usr/share/icons/hicolor/scalable/apps/griddesk.svg \
        /usr/share/icons/hicolor/48x48/apps/griddesk.png \
        /usr/share/griddesk/maps/nyc/sample.json /usr/lib/systemd/system/griddesk-report@.service; do
        expect_in "dpkg -L griddesk" "$files" "^$file\$"
    done
    expect_in "the report service" "$(cat "$root/usr/lib/systemd/system/griddesk-report@.service")" \
        "ExecStart=/usr/bin/griddesk-cli "
    try_programs /usr/bin /usr/share/griddesk/maps
}

started=$SECONDS
prepare_cache
case "$mode" in
tarball) try_tarball ;;
deb) try_deb ;;
*) fail "unknown mode $mode" ;;
esac
say "removing the root"
release_root
trap - EXIT
say "passed in $((SECONDS - started)) s"
