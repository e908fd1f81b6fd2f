#!/usr/bin/env bash
# The workshop sign-up race: 200 concurrent sign-ups for a series with 12 seats, against a real
# server on SQLite and on PostgreSQL (started here). Prints the wall time and the number of
# confirmed seats for each database.
set -euo pipefail
cd "$(dirname "$0")/.."
TUGI_TEST_POSTGRES_URL=$(scripts/postgres.sh)
export TUGI_TEST_POSTGRES_URL
trap 'scripts/postgres.sh stop' EXIT
cargo test --release -p tugi-tests --test integration two_hundred_people_race -- --nocapture 2>&1 \
  | grep -E "workshop race|test result"
