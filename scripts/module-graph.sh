#!/usr/bin/env bash
# Prints the dependency graph of the core's capability folders and of the shell's modules,
# and fails on a dependency against the layers or a cycle.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -q -p carnet-core --test module_graph -- --nocapture --test-threads=1 2>&1 | grep -v '^running\|^test \|^$' | sed 's/^\.*//' | grep -v '^$'
