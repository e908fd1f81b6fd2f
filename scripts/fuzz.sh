#!/usr/bin/env bash
# Fuzzes the reader of uploaded calendars (busy-time import) with cargo fuzz (libFuzzer) for a
# bounded time. Usage: scripts/fuzz.sh [SECONDS]   (default 60)
# Installs cargo-fuzz from crates.io when missing. A failing input is kept under
# tests/fuzz/artifacts/busy_times/ and replays with:
#   cargo fuzz run --fuzz-dir tests/fuzz -s none -a busy_times tests/fuzz/artifacts/busy_times/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# New inputs go to a scratch corpus; the committed seeds and the calendar corpus (Windows and
# display zone names, own VTIMEZONEs by RRULE and RDATE, overrides) stay as they are.
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
# Safe Rust throughout, so no address sanitizer: then every flag cargo fuzz passes is a stable
# one and the default toolchain builds it (faster to build and run, too). Overflow and the other
# debug assertions stay on.
cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none --debug-assertions \
  busy_times "$corpus" tests/fuzz/seeds/busy_times tests/calendars -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
