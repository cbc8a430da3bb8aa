#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Runs a program on a throwaway Xvfb with two monitors: two X screens, 1280x900 and 1440x900,
# which Qt's xcb platform shows as two screens. The display number is the first free one, or
# GRIDDESK_XVFB_DISPLAY when set. Exits 77 (skipped) when Xvfb is not installed.
set -u
if ! command -v Xvfb >/dev/null 2>&1; then
    echo "SKIPPED: Xvfb is not installed (packaging/dev.sh test installs the xvfb package)."
    exit 77
fi

dir=$(mktemp -d)
if [ -n "${GRIDDESK_XVFB_DISPLAY:-}" ]; then
    Xvfb ":$GRIDDESK_XVFB_DISPLAY" -screen 0 1280x900x24 -screen 1 1440x900x24 -nolisten tcp \
        -displayfd 3 3>"$dir/display" 2>"$dir/xvfb.log" &
else
    Xvfb -screen 0 1280x900x24 -screen 1 1440x900x24 -nolisten tcp \
        -displayfd 3 3>"$dir/display" 2>"$dir/xvfb.log" &
fi
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT

# Xvfb writes its display number once it accepts clients.
tries=0
while [ ! -s "$dir/display" ] && kill -0 "$xvfb" 2>/dev/null && [ "$tries" -lt 300 ]; do
    tries=$((tries + 1))
    sleep 0.1
done
display=$(head -n 1 "$dir/display" 2>/dev/null)
if [ -z "$display" ]; then
    echo "Xvfb did not start:"
    cat "$dir/xvfb.log"
    exit 1
fi

DISPLAY=":$display" QT_QPA_PLATFORM=xcb GRIDDESK_TEST_PLATFORM=xcb "$@"
