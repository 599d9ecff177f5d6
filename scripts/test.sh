#!/usr/bin/env bash
# Installs everything (apt, npm, tauri-driver, selenium) and runs every test Carnet has.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
export PATH="$HOME/.cargo/bin:$PATH"
# Tests that need a server or the shared samples fail instead of skipping when CI is set.
export CI="${CI:-true}"
FEATURES=(--features custom-protocol)   # one feature set everywhere: dependencies build once
step() { printf '\n== %s (%s)\n' "$*" "$(date +%H:%M:%S)"; }

step "format"
cargo fmt --all -- --check

step "UI: type check, unit tests, build"
(cd ui && npm run --silent check && npm run --silent test && npm run --silent build)

step "dependencies: licences, banned crates, sources (cargo-deny, offline)"
cargo deny --offline check licenses bans sources

step "clippy"
cargo clippy --workspace --all-targets "${FEATURES[@]}" -- -D warnings

step "tests: core (real SQLite files, Dovecot IMAP on loopback) and app"
cargo test --workspace "${FEATURES[@]}"
cargo build "${FEATURES[@]}"

step "CLI, intake and webhook"
bash tests/cli.sh target/debug/carnet
step "webhook under 200 slow clients, loopback only"
.venv/bin/python tests/webhook_load.py target/debug/carnet
step "crash trials: SIGKILL during intake, lead CSV import, backup, restore (CRASH_TRIALS=200 for the benchmark)"
bash tests/crash.sh target/debug/carnet
step "DMS imports (shared samples, bad files, kill -9 during an import)"
bash tests/dms.sh target/debug/carnet
step "privacy, duplicates, Bloctel and phone campaigns on the command line"
bash tests/privacy.sh target/debug/carnet
step "intake score on the shared sample mails"
if [ ! -x ../shared/tools/check-intake ]; then
  echo "FAILED: ../shared/tools/check-intake not found beside the repository" >&2
  exit 1
fi
../shared/tools/check-intake target/debug/carnet
# Lead mails written after the parsers (unseen variants: forwards, entities, stacked labels, foreign contacts).
INTAKE_MIN=0.99 ../shared/tools/check-intake target/debug/carnet crates/core/tests/fixtures/mail-variants

step "desktop window (WebDriver under Xvfb)"
bash tests/e2e/run.sh target/debug/carnet

step "Debian package"
ui/node_modules/.bin/tauri build --bundles deb
ls -la target/release/bundle/deb/*.deb
step "all tests passed"
