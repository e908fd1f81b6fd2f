#!/usr/bin/env bash
# Runs every test: formatting and lints, unit tests, integration tests on SQLite and on
# PostgreSQL (a local server is started, and installed when missing), end-to-end tests in
# headless Chromium (installed from Debian when missing), and a bounded fuzzing run of the
# calendar reader (TUGI_FUZZ_SECONDS, default 60). `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
# A one-off run gains nothing from incremental compilation, and its debug line tables would only
# matter to a debugger; without both a clean run needs less than half the disk.
if [ -n "${CI:-}" ]; then
  export CARGO_INCREMENTAL=0 CARGO_PROFILE_DEV_DEBUG=false
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "==> installing Chromium and ChromeDriver (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

scripts/build.sh --bundle-only

echo "==> formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p tugi-server --features bench --bins -- -D warnings
cargo clippy -p tugi-app --features bench,ics-import --bins -- -D warnings
cargo clippy -p tugi-app --lib --target wasm32-unknown-unknown --no-default-features \
  --features hydrate --profile wasm-release -- -D warnings

echo "==> starting PostgreSQL"
TUGI_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export TUGI_TEST_POSTGRES_URL
trap 'scripts/postgres.sh stop' EXIT

echo "==> tests"
cargo test --workspace --no-fail-fast

echo "==> fuzzing the calendar reader (${TUGI_FUZZ_SECONDS:-60} s)"
# In CI the tests' build is not needed any more: make room for the fuzzer's.
if [ -n "${CI:-}" ]; then rm -rf target/debug; fi
scripts/fuzz.sh "${TUGI_FUZZ_SECONDS:-60}"

echo "==> all tests passed in $(( $(date +%s) - start )) s"
