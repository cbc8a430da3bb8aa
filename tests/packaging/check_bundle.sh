#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Checks the relocatable bundle's layout (packaging/linux/bundle.cmake), which the tarball and
# the AppImage are made of, without root:
#   check_bundle.sh BUNDLE_DIR
# - the three programs, the Qt plugins, qt.conf, PROJ's and GDAL's data, the samples, the
#   desktop files and the terms of GridDesk and the packages it carries are where the layout says;
# - every program, library and plugin finds the bundle's libraries by its RUNPATH;
# - the bundle carries none of the libraries the host provides (glibc, the C++ runtime,
#   OpenGL/EGL, the X11 connection, fontconfig, FreeType), and every library any of its files
#   needs is either in lib/ or one of those;
# - nothing in it needs a glibc newer than 2.36, the version the READMEs promise;
# - ldd, here, resolves the bundled libraries the programs and plugins need into the bundle.
set -euo pipefail

bundle=$(realpath "${1:?usage: check_bundle.sh BUNDLE_DIR}")
failures=0
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

# What the host provides, by soname; kept in step with HOST_LIBRARIES in bundle.cmake and the
# README of the bundle.
host_library() {
    case "$1" in
    libc.so.* | libm.so.* | libmvec.so.* | libdl.so.* | librt.so.* | libpthread.so.* \
        | libresolv.so.* | libutil.so.* | libanl.so.* | libnss_* | ld-linux*.so.*) return 0 ;;
    libstdc++.so.* | libgcc_s.so.*) return 0 ;;
    libGL.so.* | libEGL.so.* | libGLX.so.* | libOpenGL.so.* | libGLdispatch.so.* \
        | libGLESv2.so.* | libdrm.so.* | libgbm.so.*) return 0 ;;
    libX11.so.* | libX11-xcb.so.* | libxcb.so.*) return 0 ;;
    libfontconfig.so.* | libfreetype.so.*) return 0 ;;
    esac
    return 1
}

runpath() {
    readelf -d "$1" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p'
}

needed() {
    readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

for file in bin/griddesk bin/griddesk-cli bin/griddesk-server bin/qt.conf \
    plugins/platforms/libqxcb.so plugins/platforms/libqoffscreen.so \
    plugins/sqldrivers/libqsqlite.so plugins/sqldrivers/libqsqlpsql.so \
    plugins/tls/libqopensslbackend.so plugins/imageformats/libqjpeg.so lib/libssl.so.3 \
    lib/libQt6Core.so.6 lib/libgdal.so.32 share/proj/proj.db share/gdal/gdalvrt.xsd \
    share/griddesk/maps/nyc/sample.json share/griddesk/maps/taipei/sample.json \
    share/applications/griddesk.desktop share/mime/packages/griddesk.xml \
    share/icons/hicolor/scalable/apps/griddesk.svg share/icons/hicolor/16x16/apps/griddesk.png \
    share/icons/hicolor/256x256/apps/griddesk.png share/icons/hicolor/512x512/apps/griddesk.png \
    share/doc/griddesk/copyright share/doc/third-party/libqt6core6/copyright \
    share/doc/third-party/libgdal32/copyright share/doc/third-party/proj-data/copyright \
    README.md; do
    [ -e "$bundle/$file" ] || fail "$file is missing"
done
[ -d "$bundle/lib/gdalplugins" ] || fail "lib/gdalplugins is missing"
grep -q '^Plugins = plugins$' "$bundle/bin/qt.conf" || fail "qt.conf does not name plugins/"
[ ! -e "$bundle/lib/systemd" ] || fail "the bundle carries systemd units with fixed paths"

# RUNPATHs and what each file needs.
mapfile -t programs < <(printf '%s\n' "$bundle"/bin/griddesk "$bundle"/bin/griddesk-cli \
    "$bundle"/bin/griddesk-server)
mapfile -t libraries < <(find "$bundle/lib" -maxdepth 1 -type f -name '*.so*' | sort)
mapfile -t plugins < <(find "$bundle/plugins" -type f -name '*.so' | sort)
[ "${#libraries[@]}" -gt 50 ] || fail "only ${#libraries[@]} libraries in lib/"

check_runpath() {
    local file=$1 expected=$2 actual
    actual=$(runpath "$file")
    [ "$actual" = "$expected" ] || fail "${file#"$bundle"/} has RUNPATH '$actual', not '$expected'"
}
# The RUNPATHs are literal: $ORIGIN is for the dynamic loader, not the shell.
# shellcheck disable=SC2016
for file in "${programs[@]}"; do check_runpath "$file" '$ORIGIN/../lib'; done
# shellcheck disable=SC2016
for file in "${libraries[@]}"; do check_runpath "$file" '$ORIGIN'; done
# shellcheck disable=SC2016
for file in "${plugins[@]}"; do check_runpath "$file" '$ORIGIN/../../lib'; done

for file in "${libraries[@]}"; do
    name=$(basename "$file")
    if host_library "$name"; then
        fail "lib/$name is the host's to provide and must not be bundled"
    fi
done
for file in "${programs[@]}" "${libraries[@]}" "${plugins[@]}"; do
    while read -r name; do
        [ -n "$name" ] || continue
        if [ ! -e "$bundle/lib/$name" ] && ! host_library "$name"; then
            fail "${file#"$bundle"/} needs $name, which is neither bundled nor the host's"
        fi
    done < <(needed "$file")
done

# The dynamic loader, here, takes each bundled library a program or plugin needs from the bundle.
# (What the host's own libraries need, such as libXau for libX11, comes from the host.)
for file in "${programs[@]}" "$bundle/plugins/platforms/libqxcb.so" \
    "$bundle/plugins/platforms/libqoffscreen.so" "$bundle/plugins/sqldrivers/libqsqlpsql.so"; do
    resolved=$(ldd "$file")
    while read -r name; do
        [ -e "$bundle/lib/$name" ] || continue
        path=$(sed -n "s/^\s*${name//./\\.} => \(\S*\) .*/\1/p" <<<"$resolved")
        case "$(realpath -m "$path")" in
        "$bundle"/lib/*) ;;
        *) fail "${file#"$bundle"/}: $name resolves to '$path', not into the bundle" ;;
        esac
    done < <(needed "$file")
done

# The newest glibc symbol version any file uses is the oldest glibc the bundle runs on.
newest=$(for file in "${programs[@]}" "${libraries[@]}" "${plugins[@]}"; do
    objdump -T "$file" | grep -o 'GLIBC_2\.[0-9]*'
done | sort -t. -k2 -n -u | tail -1)
[ "$newest" = GLIBC_2.36 ] || fail "the bundle needs $newest, but its README says glibc 2.36"

if [ "$failures" -gt 0 ]; then
    echo "$failures problem(s) in the bundle $bundle" >&2
    exit 1
fi
echo "bundle $bundle: ${#programs[@]} programs, ${#libraries[@]} libraries," \
    "${#plugins[@]} plugins, needs $newest; $(du -sh "$bundle" | cut -f1)"
