#!/usr/bin/env bash
# Builds the browser bundle into target/site/pkg and the server binary.
# Usage: scripts/build.sh [--release | --bundle-only]
#   (default: the dev profile; the tests need the bundle only, they start the server themselves)
set -euo pipefail
cd "$(dirname "$0")/.."
profile_flag=()
[ "${1:-}" = "--release" ] && profile_flag=(--release)
bundle_only=false
[ "${1:-}" = "--bundle-only" ] && bundle_only=true

scripts/setup.sh

pkg=target/site/pkg
mkdir -p "$pkg"
echo "==> building the browser bundle (wasm, hydrate)"
cargo rustc -p tugi-app --lib --crate-type cdylib --target wasm32-unknown-unknown \
  --no-default-features --features hydrate --profile wasm-release
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name tugi \
  target/wasm32-unknown-unknown/wasm-release/tugi_app.wasm
.tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$pkg/tugi_bg.wasm" -o "$pkg/tugi_bg.wasm"
cp style/main.css "$pkg/tugi.css"
for f in "$pkg/tugi_bg.wasm" "$pkg/tugi.js" "$pkg/tugi.css"; do gzip -9 -k -f "$f"; done
echo "    wasm: $(stat -c %s "$pkg/tugi_bg.wasm") bytes, gzipped $(stat -c %s "$pkg/tugi_bg.wasm.gz") bytes"

if $bundle_only; then exit 0; fi
echo "==> building the server"
cargo build -p tugi-server ${profile_flag[@]+"${profile_flag[@]}"}
