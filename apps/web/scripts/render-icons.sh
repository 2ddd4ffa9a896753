#!/usr/bin/env bash
# Renders the app icons (static/icons/*.png) from their SVG sources with Debian's Chromium.
# Run it after changing icon.svg or icon-maskable.svg, and commit the PNGs.
set -euo pipefail
cd "$(dirname "$0")/../static/icons"
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
page=$(mktemp --suffix=.html)
trap 'rm -f "$page"' EXIT

render() { # source size output
  printf '<html><body style="margin:0"><img src="file://%s/%s" width="%s" height="%s" style="display:block"></body></html>' \
    "$PWD" "$1" "$2" "$2" >"$page"
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --screenshot="$PWD/$3" --window-size="$2,$2" "$page" >/dev/null 2>&1
}

render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 192 icon-maskable-192.png
render icon-maskable.svg 512 icon-maskable-512.png
render icon-maskable.svg 180 apple-touch-icon.png
echo "rendered: $(ls ./*.png | tr '\n' ' ')"
