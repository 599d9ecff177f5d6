#!/usr/bin/env bash
# Starts Xvfb and tauri-driver, runs the WebDriver test of the real window, stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
out=$PWD/tests/out; rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d)
db=$work/e2e.db
"$bin" --db "$db" demo --leads "${E2E_LEADS:-300}" >/dev/null
# The second part runs the set-up wizard on an empty database, up to a first lead.
export E2E_EMPTY_DB=$work/empty.db
# The window saves files to the XDG Downloads folder: a temporary one for the test.
export E2E_DOWNLOADS=$work/downloads
mkdir -p "$E2E_DOWNLOADS" "$work/config"
echo "XDG_DOWNLOAD_DIR=\"$E2E_DOWNLOADS\"" > "$work/config/user-dirs.dirs"
export XDG_CONFIG_HOME=$work/config
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
export CARNET_SECRET_WEBHOOK_TOKEN=e2e-$RANDOM$RANDOM
export CARNET_WEBHOOK_ADDR=127.0.0.1:$((20000 + RANDOM % 20000))
DISPLAY=$display tauri-driver --port 4444 >"$work/driver.log" 2>&1 &
driver=$!
cleanup() { kill "$driver" "$xvfb" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.2; done
DISPLAY=$display .venv/bin/python tests/e2e/test_window.py "$bin" "$db" "$out" || { cat "$work/driver.log" | tail -20; exit 1; }
echo "screenshots: $(ls "$out")"
