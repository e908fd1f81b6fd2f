#!/usr/bin/env bash
# Installs what is missing, builds Tugi, and runs it with demo data at http://127.0.0.1:3000
# (set TUGI_BIND to change the address). The SQLite database is ./data/tugi.db.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh --release
export DATABASE_URL=${DATABASE_URL:-sqlite:./data/tugi.db}
exec ./target/release/tugi serve --demo "$@"
