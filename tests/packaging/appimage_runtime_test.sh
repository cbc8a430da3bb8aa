#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# The AppImage runtime and build-appimage.sh on a small bundle whose programs are stand-ins
# (shell scripts made here, named as such), so the runtime is checked in seconds and without
# the real programs: the common checks of appimage_checks.sh, then what only a stand-in shows —
# the environment the runtime sets, arguments with spaces, a chosen exit code, extraction of
# a pattern, a read-only directory, links, and the runtime's own messages.
#
#   appimage_runtime_test.sh RUNTIME BUILD_SCRIPT CHECKER ICON WORK_DIR
set -euo pipefail

if [ "$#" -ne 5 ]; then
    echo "usage: $0 RUNTIME BUILD_SCRIPT CHECKER ICON WORK_DIR" >&2
    exit 2
fi
runtime=$1
build_script=$2
checker=$3
icon=$4
work=$(readlink -f "$5")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
pass() {
    echo "ok: $*"
}

[ ! -d "$work" ] || chmod -R u+w "$work"
rm -rf "$work"
bundle=$work/bundle/griddesk
mkdir -p "$bundle/bin" "$bundle/share/applications" "$bundle/share/icons/hicolor/256x256/apps" \
    "$bundle/share/griddesk/read only" "$bundle/lib"

# The stand-in programs: not GridDesk, just enough to show what reaches them.
for program in griddesk griddesk-cli; do
    cat >"$bundle/bin/$program" <<'EOF'
#!/bin/sh
# Stand-in for a GridDesk program, made by the AppImage runtime test.
name=$(basename "$0")
case "${1:-}" in
--version) echo "GridDesk 9.8.7-stand-in" ;;
--help) echo "usage: $name (a stand-in of the AppImage runtime test)" ;;
--environment)
    shift
    echo "APPIMAGE=$APPIMAGE"
    echo "APPDIR=$APPDIR"
    echo "ARGV0=$ARGV0"
    echo "OWD=$OWD"
    for argument in "$@"; do echo "argument=$argument"; done
    ;;
--exit) exit "$2" ;;
*) echo "$name: unknown command $1" >&2; exit 3 ;;
esac
EOF
    chmod 755 "$bundle/bin/$program"
done
printf '[Desktop Entry]\nType=Application\nName=GridDesk\nExec=griddesk %%f\nIcon=griddesk\n' \
    >"$bundle/share/applications/griddesk.desktop"
cp "$icon" "$bundle/share/icons/hicolor/256x256/apps/griddesk.png"
head -c 3000000 /dev/urandom >"$bundle/lib/random.bin"
seq 1 200000 >"$bundle/lib/counting.txt"
: >"$bundle/lib/empty"
echo "kept read-only" >"$bundle/share/griddesk/read only/note.txt"
chmod 444 "$bundle/share/griddesk/read only/note.txt"
chmod 555 "$bundle/share/griddesk/read only"
ln -s ../lib/counting.txt "$bundle/bin/counting-link"
chmod 750 "$bundle/lib/random.bin"

"$build_script" "$bundle" "$runtime" 9.8.7-stand-in "$work/test.AppImage" || fail "build-appimage.sh failed"
(cd "$work" && timeout 60 "$work/test.AppImage" --appimage-extract griddesk.desktop >/dev/null) \
    || fail "--appimage-extract griddesk.desktop failed"
grep -qx 'X-AppImage-Version=9.8.7-stand-in' "$work/squashfs-root/griddesk.desktop" \
    || fail "the desktop entry has no X-AppImage-Version"
rm -rf "$work/squashfs-root"
pass "--appimage-extract PATTERN: griddesk.desktop carries X-AppImage-Version"

"$here/appimage_checks.sh" "$checker" "$work/test.AppImage" "$bundle" 9.8.7-stand-in "$work/checks"

export TMPDIR=$work/checks/tmp
out=$work/environment.out
(cd "$work/bundle" && timeout 60 "$work/test.AppImage" --appimage-extract-and-run --environment \
    "two words" "" "--appimage-offset" >"$out") || fail "--environment failed"
grep -qx "APPIMAGE=$work/test.AppImage" "$out" || fail "APPIMAGE is not the AppImage's path"
grep -q "^APPDIR=$TMPDIR/appimage-run-" "$out" || fail "APPDIR is not the extracted directory"
grep -qx "ARGV0=$work/test.AppImage" "$out" || fail "ARGV0 is not how the AppImage was started"
grep -qx "OWD=$work/bundle" "$out" || fail "OWD is not the directory it was started in"
[ "$(grep -c '^argument=' "$out")" -eq 3 ] && grep -qx "argument=two words" "$out" \
    && grep -qx "argument=" "$out" && grep -qx "argument=--appimage-offset" "$out" \
    || { cat "$out" >&2; fail "arguments did not reach the program unchanged"; }
pass "environment and arguments reach the program"

set +e
timeout 60 "$work/test.AppImage" --appimage-extract-and-run --exit 42
status=$?
GRIDDESK_APPIMAGE_PROGRAM=griddesk-server timeout 60 "$work/test.AppImage" \
    --appimage-extract-and-run --version >"$work/server.out" 2>&1
server_status=$?
GRIDDESK_APPIMAGE_PROGRAM=rm timeout 60 "$work/test.AppImage" --appimage-extract-and-run \
    >"$work/bogus.out" 2>&1
bogus_status=$?
timeout 60 "$work/test.AppImage" --appimage-mount >"$work/option.out" 2>&1
option_status=$?
timeout 60 "$runtime" >"$work/alone.out" 2>&1
alone_status=$?
set -e
[ "$status" -eq 42 ] || fail "exit code 42 came back as $status"
[ "$server_status" -ne 0 ] && grep -q "bin/griddesk-server" "$work/server.out" \
    || fail "GRIDDESK_APPIMAGE_PROGRAM=griddesk-server did not ask for bin/griddesk-server"
[ "$bogus_status" -eq 2 ] \
    && grep -q "must be griddesk, griddesk-cli or griddesk-server" "$work/bogus.out" \
    || fail "a wrong GRIDDESK_APPIMAGE_PROGRAM was not refused"
[ "$option_status" -eq 127 ] \
    && grep -q "unknown runtime option --appimage-mount" "$work/option.out" \
    || fail "an unknown runtime option was not refused"
[ "$alone_status" -eq 127 ] && grep -q "holds no squashfs image" "$work/alone.out" \
    || fail "the runtime without an image did not say so"
pass "exit codes, the program chooser and the runtime's refusals"

(cd "$work" && timeout 60 "$work/test.AppImage" --appimage-extract 'share/*' >/dev/null)
[ -f "$work/squashfs-root/share/griddesk/read only/note.txt" ] \
    && [ ! -e "$work/squashfs-root/bin" ] \
    || fail "--appimage-extract 'share/*' extracted the wrong paths"
[ "$(stat -c %a "$work/squashfs-root/share/griddesk/read only")" = 555 ] \
    || fail "the read-only directory lost its mode"
set +e
(cd "$work" && timeout 60 "$work/test.AppImage" --appimage-extract 'nothing/*' \
    >"$work/none.out" 2>&1)
none_status=$?
set -e
[ "$none_status" -ne 0 ] && grep -q 'no path in test.AppImage matches' "$work/none.out" \
    || fail "a pattern matching nothing was not reported"
chmod -R u+w "$work/squashfs-root"
pass "--appimage-extract with a pattern"
echo "all AppImage runtime checks passed"
