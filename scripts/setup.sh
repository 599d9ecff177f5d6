#!/usr/bin/env bash
# Installs everything Carnet needs on Debian 12, idempotently.
#   scripts/setup.sh          build dependencies (apt, npm)
#   scripts/setup.sh --test   plus what the test suite needs (Xvfb, WebDriver, qpdf, dovecot, chromium…)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_pkgs=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libsoup-3.0-dev libxdo-dev libssl-dev build-essential pkg-config file curl ca-certificates)
test_pkgs=(xvfb xauth webkit2gtk-driver imagemagick xdotool chromium qpdf poppler-utils
  dovecot-imapd sqlite3 python3-venv jq)

need=()
for p in "${apt_pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need+=("$p"); done
if [ "$want_test" = 1 ]; then
  for p in "${test_pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need+=("$p"); done
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Toolchains: Rust via rustup and Node.js >= 20 are expected; say so clearly when missing.
if ! command -v cargo >/dev/null 2>&1; then
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: installing Rust with rustup"
  curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
  . "$HOME/.cargo/env"
fi
if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup: Node.js >= 20 is required (https://nodejs.org or NodeSource for Debian 12)" >&2
  exit 1
fi

# Front-end packages (and the Tauri CLI, from npm: seconds instead of a 15-minute cargo install).
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$want_test" = 1 ]; then
  if ! command -v tauri-driver >/dev/null 2>&1; then
    cargo install tauri-driver --locked --quiet
  fi
  # Licences, banned and duplicated crates, sources (about 4 minutes, once per machine).
  if ! command -v cargo-deny >/dev/null 2>&1; then
    cargo install cargo-deny --locked --quiet
  fi
  if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
  .venv/bin/python -c 'import selenium, aiosmtpd, openpyxl' 2>/dev/null || .venv/bin/pip install -q 'selenium>=4.20,<5' 'aiosmtpd>=1.4,<2' 'openpyxl>=3.1,<4'
fi
echo "setup: ok"
