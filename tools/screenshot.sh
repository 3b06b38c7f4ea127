#!/bin/sh
# tools/screenshot.sh PAGE.html OUT.png [WIDTH,HEIGHT] - a PNG of a page as
# headless Chromium draws it (fresh profile, no network). Used by
# `make report-screenshot` for docs/report.png.
set -eu
[ $# -ge 2 ] || { echo "usage: tools/screenshot.sh PAGE.html OUT.png [WIDTH,HEIGHT]" >&2; exit 2; }
profile=$(mktemp -d /tmp/factx-chromium.XXXXXX)
trap 'rm -rf "$profile"' EXIT
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size="${3:-1280,1100}" --screenshot="$2" "file://$page" 2>/dev/null
test -s "$2"
