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

# The server does not need the browser files to build (it reads their name when it starts):
# built alongside the tools and the bundle, it uses the core the other steps leave idle.
server_pid=
if ! $bundle_only; then
  mkdir -p target
  echo "==> building the server (alongside; log in target/server-build.log)"
  cargo build -p tugi-server ${profile_flag[@]+"${profile_flag[@]}"} >target/server-build.log 2>&1 &
  server_pid=$!
fi

scripts/setup.sh

site=target/site
pkg=$site/pkg
mkdir -p "$pkg"
echo "==> building the browser bundle (wasm, hydrate)"
cargo rustc -p tugi-app --lib --crate-type cdylib --target wasm32-unknown-unknown \
  --no-default-features --features hydrate --profile wasm-release
wasm=target/wasm32-unknown-unknown/wasm-release/tugi_app.wasm
# Content-hashed names (one hash over the code and the stylesheet): browsers keep these files
# for a year, and a new build has new names. The server reads the name from bundle.txt.
name="tugi-$(cat "$wasm" style/main.css | sha256sum | cut -c1-16)"
rm -f "$pkg"/tugi*
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name "$name" "$wasm"
.tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$pkg/${name}_bg.wasm" -o "$pkg/${name}_bg.wasm"
cp style/main.css "$pkg/$name.css"
# The page shown when the app itself fails links the stylesheet by its plain name.
cp style/main.css "$pkg/tugi.css"
files=("$pkg/${name}_bg.wasm" "$pkg/$name.js" "$pkg/$name.css" "$pkg/tugi.css")
for f in "${files[@]}"; do gzip -9 -k -f "$f"; done
# Brotli copies too (smaller still); Node, which the build already needs for wasm-opt, has it.
node -e '
  const zlib = require("zlib"), fs = require("fs");
  const quality = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
  for (const f of process.argv.slice(1)) fs.writeFileSync(f + ".br", zlib.brotliCompressSync(fs.readFileSync(f), quality));
' "${files[@]}"
echo "$name" > "$site/bundle.txt"
echo "    $name: wasm $(stat -c %s "$pkg/${name}_bg.wasm") bytes, gzipped $(stat -c %s "$pkg/${name}_bg.wasm.gz"), brotli $(stat -c %s "$pkg/${name}_bg.wasm.br")"

if $bundle_only; then exit 0; fi
echo "==> waiting for the server build"
if ! wait "$server_pid"; then
  tail -40 target/server-build.log
  echo "the server build failed (whole log: target/server-build.log)" >&2
  exit 1
fi
tail -1 target/server-build.log
