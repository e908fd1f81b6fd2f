#!/usr/bin/env bash
# Security checks from outside: starts Tugi with the demo data on a throwaway SQLite database,
# prints the security headers of three pages, the answer to a cross-site POST, the redirect of
# a `next` with a tab in it, and the totals of the authorisation matrix test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p tugi-server
[ -f target/site/bundle.txt ] || scripts/build.sh --bundle-only
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
DATABASE_URL="sqlite:$work/tugi.db" TUGI_BIND="127.0.0.1:$port" TUGI_OUTBOX_DIR="$work/outbox" \
  target/debug/tugi serve --demo >"$work/log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

headers='^(content-security-policy|x-frame-options|x-content-type-options|referrer-policy|cache-control|strict-transport-security|cross-origin-opener-policy):'
jar="$work/cookies"
curl -s -c "$jar" -o /dev/null -H 'accept: application/json' \
  --data-urlencode 'email=coordinator@tugi.demo' --data-urlencode 'password=tugi-demo-2026' \
  "$base/api/login"
for page in /login /households /workshops; do
  echo "== GET $page (logged in as the demo coordinator)"
  curl -s -b "$jar" -D - -o /dev/null "$base$page" | tr -d '\r' | grep -iE "$headers" | sed 's/^/   /'
done

echo "== POST /api/create_office from https://evil.example with the coordinator's cookie"
curl -s -b "$jar" -o "$work/body" -w '   status %{http_code}\n' -H 'origin: https://evil.example' \
  -H 'accept: application/json' --data 'form[name]=Evil' "$base/api/create_office"
sed 's/^/   /' "$work/body"; echo

echo "== GET /lang/en?next=/%09/evil.example"
curl -s -o /dev/null -w '   status %{http_code}, location %{redirect_url}\n' \
  "$base/lang/en?next=/%09/evil.example"

echo "== the authorisation matrix"
cargo test -q -p tugi-tests --test integration access_matrix -- --nocapture 2>&1 \
  | grep -E "access matrix|test result" | sed 's/^/   /'
