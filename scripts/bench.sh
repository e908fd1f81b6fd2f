#!/usr/bin/env bash
# Speed where people feel it, in one table: builds in release, seeds a database (the demo data
# plus 2,000 households and 50,000 events), starts Tugi and a bare axum handler side by side, and
# prints req/s and p99 of three pages (each as a share of the bare handler), the 10,000-event
# feed over HTTP, the server's memory after 100,000 requests, the gzipped browser files of each
# role's first page, and three pages loaded as on a mid-range phone (headless Chromium).
# Usage: scripts/bench.sh        (about 5 minutes after the build)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null || ! command -v chromium >/dev/null; then
  echo "==> installing wrk and chromium (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk chromium
fi
scripts/build.sh --bundle-only
if [ ! -d .tools/node_modules/puppeteer-core ]; then
  echo "==> installing puppeteer-core (npm) for the phone profile"
  npm install --silent --no-audit --no-fund --prefix .tools "puppeteer-core@23"
fi
echo "==> building the server and the benchmark binaries (release)"
cargo build --release -p tugi-server --features bench --bin tugi --bin bench-seed --bin hello-bench

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export DATABASE_URL="sqlite:$work/bench.db"
echo "==> seeding the demo data, 2,000 households and 50,000 events"
feed=$(target/release/bench-seed)
tugi_port=3941 hello_port=3942
base="http://127.0.0.1:$tugi_port"
TUGI_BIND=127.0.0.1:$tugi_port TUGI_OUTBOX_DIR="$work/outbox" RUST_LOG=warn \
  target/release/tugi serve >"$work/tugi.log" 2>&1 &
tugi_pid=$!
pids+=("$tugi_pid")
TUGI_BIND=127.0.0.1:$hello_port target/release/hello-bench &
pids+=("$!")
for _ in $(seq 100); do
  curl -sf "$base/healthz" >/dev/null && curl -sf "http://127.0.0.1:$hello_port/" >/dev/null && break
  sleep 0.2
done

password=tugi-demo-2026
# The session cookie of a demo account.
login() {
  curl -s -o /dev/null -c - -H 'Accept: application/json' \
    --data-urlencode "email=$1" --data-urlencode "password=$password" "$base/api/login" |
    awk '$6 == "tugi_session" || $6 ~ /session/ { print $6 "=" $7 }' | tail -1
}
beneficiary=$(login beneficiary@tugi.demo)

# "req/s p99_ms requests" of one wrk run; any answer other than 2xx/3xx fails the benchmark.
measure() {
  local url=$1 cookie=${2:-} out
  out=$(wrk -t2 -c32 -d10s --latency ${cookie:+-H "Cookie: $cookie"} "$url")
  if grep -q "Non-2xx" <<<"$out"; then echo "$url: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
  awk '/Requests\/sec/ { rps = $2 }
       / 99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
                else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
                p99 = v }
       /requests in/ { n = $1 }
       END { printf "%.0f %.2f %d\n", rps, p99, n }' <<<"$out"
}
# The slot picker with its free times: the first office offered (the demo's Tallinn office).
office=$(curl -s -H "Cookie: $beneficiary" "$base/consultations/book" |
  grep -o '<option value="[0-9][0-9]*"' | head -1 | grep -o '[0-9][0-9]*')
book="$base/consultations/book?office=$office"
book_page=$(curl -s -H "Cookie: $beneficiary" "$book")
book_kb=$(( $(wc -c <<<"$book_page") / 1024 ))
book_slots=$(grep -o 'class="count">[^<]*' <<<"$book_page" | grep -o '[0-9][0-9]*' | awk '{ n += $1 } END { print n + 0 }')
echo "==> wrk -t2 -c32 -d10s: the bare handler and three pages"
read -r hello_rps hello_p99 hello_n < <(measure "http://127.0.0.1:$hello_port/")
read -r book_rps book_p99 book_n < <(measure "$book" "$beneficiary")
read -r list_rps list_p99 list_n < <(measure "$base/workshops")
read -r home_rps home_p99 home_n < <(measure "$base/")
served=$((book_n + list_n + home_n))
# Up to 100,000 requests in all (the three pages in turn), then the server's memory.
while [ "$served" -lt 100000 ]; do
  for url in "$book" "$base/workshops" "$base/"; do
    read -r _ _ n < <(measure "$url" "$beneficiary")
    served=$((served + n))
  done
done
rss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$tugi_pid/status")

# The feed over HTTP: the fastest and the median of 10.
feed_times=$(for _ in $(seq 10); do curl -s -o /dev/null -w '%{time_total}\n' "$base$feed"; done | sort -n)
feed_events=$(curl -s "$base$feed" | grep -c '^BEGIN:VEVENT' || true)
feed_min=$(head -1 <<<"$feed_times" | awk '{ printf "%.0f", $1 * 1000 }')
feed_median=$(sed -n 5p <<<"$feed_times" | awk '{ printf "%.0f", $1 * 1000 }')

# The browser files a role's first page loads (its stylesheet and scripts, and the wasm they
# fetch), gzipped as the server sends them.
bundle_of() {
  local cookie=$1 page files total=0 f
  page=$(curl -s ${cookie:+-H "Cookie: $cookie"} "$base/")
  files=$(grep -o '/pkg/[A-Za-z0-9_.-]*' <<<"$page" | sort -u)
  files+=$'\n'"/pkg/$(cat target/site/bundle.txt)_bg.wasm"
  for f in $(sort -u <<<"$files"); do
    total=$((total + $(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$base$f")))
  done
  echo "$total"
}
bundles=()
for who in anonymous admin coordinator support volunteer facilitator beneficiary; do
  cookie=""
  [ "$who" != anonymous ] && cookie=$(login "$who@tugi.demo")
  bundles+=("$who $(bundle_of "$cookie")")
done

echo "==> the phone profile (CPU 4x slower, 1.6 Mbps down, 750 kbps up, 150 ms, cold cache)"
phone=$(node scripts/phone-load.mjs "$base" - - / /workshops
  node scripts/phone-load.mjs "$base" beneficiary@tugi.demo "$password" /consultations/book)

share() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
echo
echo "| measure | value | target |"
echo "|---|---|---|"
echo "| bare axum handler | $hello_rps req/s, p99 $hello_p99 ms | (yardstick) |"
echo "| slot picker /consultations/book?office=$office (beneficiary; $book_slots free times, $book_kb KB) | $book_rps req/s ($(share "$book_rps" "$hello_rps")), p99 $book_p99 ms | ≥ 15 %, p99 ≤ 10 ms |"
echo "| workshop list /workshops | $list_rps req/s ($(share "$list_rps" "$hello_rps")), p99 $list_p99 ms | ≥ 25 % |"
echo "| home page / | $home_rps req/s ($(share "$home_rps" "$hello_rps")), p99 $home_p99 ms | ≥ 40 % |"
echo "| feed of $feed_events events over HTTP | $feed_min ms (median $feed_median ms) | ≤ 45 ms |"
echo "| server RSS after $served requests | $((rss_kb / 1024)) MB | ≤ 60 MB |"
for b in "${bundles[@]}"; do
  read -r who bytes <<<"$b"
  echo "| first page's browser files, $who | $((bytes / 1024)) KB gzipped | ≤ 300 KB |"
done
while IFS=$'\t' read -r path paint interactive bytes; do
  echo "| phone load $path | paint $paint ms, interactive $interactive ms, $((bytes / 1024)) KB | interactive ≤ 3,000 ms, ≤ 400 KB |"
done <<<"$phone"
