#!/usr/bin/env bash
# The installed Shoki (from the .deb) starts on a virtual display and shows its window.
# Run by `make deb-check` after `apt-get install ./…deb`; exits non-zero with the reason.
set -euo pipefail
bin=$(dpkg -L shoki | grep -E '^/usr/bin/' | head -1)
[ -x "$bin" ] || { echo "deb-check: no program in /usr/bin from the shoki package"; exit 1; }
desktop=$(dpkg -L shoki | grep -E '\.desktop$' | head -1)
grep -q '^Name\[ja\]=書記' "$desktop" || { echo "deb-check: the desktop entry has no Japanese name"; exit 1; }
dpkg -s shoki | grep -q 'fonts-noto-cjk' || { echo "deb-check: fonts-noto-cjk is not declared"; exit 1; }
# The app calls WebKitGTK's feature list (src-tauri/webview.rs), which 2.42 brought.
dpkg -s shoki | grep -q 'libwebkit2gtk-4.1-0 (>= 2.42)' || { echo "deb-check: WebKitGTK 2.42 or later is not declared"; exit 1; }
data=$(mktemp -d)
n=$(for i in $(seq 210 260); do [ -e /tmp/.X11-unix/X$i ] || { echo $i; break; }; done)
Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
DISPLAY=":$n" SHOKI_DATA_DIR="$data" DBUS_SESSION_BUS_ADDRESS=disabled: "$bin" >"$data/app.log" 2>&1 &
app=$!
for _ in $(seq 100); do
  if DISPLAY=":$n" xdotool search --name '書記' >/dev/null 2>&1; then
    echo "deb-check: $bin ($(du -h "$bin" | cut -f1)) showed its window; package $(dpkg -s shoki | grep '^Version')"
    exit 0
  fi
  sleep 0.2
done
echo "deb-check: no window from $bin within 20 s"; cat "$data/app.log"; exit 1
