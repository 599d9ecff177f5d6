#!/usr/bin/env bash
# Installs everything, builds Carnet and opens it on a demo database (created on first run).
#   scripts/run.sh [--db PATH]   another database instead of the demo one
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
(cd ui && npm run --silent build)
cargo build --release --features custom-protocol
bin=target/release/carnet
if [ "${1:-}" = "--db" ] && [ -n "${2:-}" ]; then
  db=$2
else
  db="${XDG_DATA_HOME:-$HOME/.local/share}/carnet/demo.db"
  [ -f "$db" ] || "$bin" --db "$db" demo --leads 2000
fi
echo "Carnet : base $db"
exec "$bin" --db "$db"
