#!/usr/bin/env bash
# Installs what building Tugi needs and is missing: the wasm32 target, the wasm-bindgen CLI at
# exactly the version in Cargo.lock, and wasm-opt (npm package binaryen) under .tools/.
# Nothing already present is installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  echo "==> installing wasm-bindgen-cli $wb_version (about 2 minutes)"
  # Without --locked: the CLI's own lock file names a yanked dependency.
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

binaryen_version=132
if [ ! -x .tools/node_modules/.bin/wasm-opt ]; then
  echo "==> installing wasm-opt (npm binaryen@$binaryen_version)"
  if ! command -v npm >/dev/null; then
    apt-get update -qq && apt-get install -y -qq nodejs npm
  fi
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --prefix .tools "binaryen@$binaryen_version"
fi
