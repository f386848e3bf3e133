#!/usr/bin/env bash
# POST /attendance latency of two builds side by side (Release, local mode, SQLite): one person enrolled from 3 dev
# photos, duplicate window 0, then SCANS sequential multipart scans of a 250x250 dev photo, rounds alternating A B A B.
# A build without kiosk pairing (before "Every record is true") is sent anonymous scans; one with it pairs a kiosk
# through the admin API first and sends its Bearer token, as a script kiosk does.
# Usage: tools/bench/scan-latency.sh <repo A> <repo B> [SCANS] [ROUNDS]   (default 100 2); prints per round and build:
# median and p95 in ms, RSS after start and after the scans in MB.
set -euo pipefail
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); scans=${3:-100}; rounds=${4:-2}
dev="$(cd "$(dirname "$0")/../.." && pwd)/../shared/faces/dev/Al_Sharpton"
[ -d "$dev" ] || { echo "dev photos not found next to the repo (../shared/faces/dev)" >&2; exit 1; }
for repo in "$a" "$b"; do dotnet build "$repo/FaceAttendance.Web" -c Release -v q -nologo >/dev/null; done
key=bench-api-key-0001; port=5391; base="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
run() { # <repo> <label>
  local dll="$1/FaceAttendance.Web/bin/Release/net10.0/FaceAttendance.Web.dll" data pid person started
  auth=()
  data=$(mktemp -d)
  (cd "$(dirname "$dll")" && FaceAttendance__DataDir="$data" FaceAttendance__Admin__ApiKey=$key FaceAttendance__Admin__Password=bench-password-0001 \
    FaceAttendance__DuplicateWindow=00:00:00 FaceAttendance__Kiosk__RequestsPerMinute=0 FaceAttendance__Kiosk__UploadsPerHour=1000000 \
    Logging__LogLevel__Default=Warning exec dotnet "$dll" --urls "$base" >/dev/null 2>&1) &
  pid=$!
  until curl -sf "$base/healthz" >/dev/null; do sleep 0.2; done
  started=$(rss "$(pgrep -f "$dll" | head -1)")
  person=$(curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{"employeeId":"B1","name":"Bench","consent":true}' \
    "$base/api/people" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  for n in 0001 0002 0003; do curl -sf -o /dev/null -H "X-Api-Key: $key" -F "image=@$dev/Al_Sharpton_$n.jpg;type=image/jpeg" "$base/api/people/$person/faces"; done
  if curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $key" "$base/api/kiosks" | grep -q 200; then
    local id token
    id=$(curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{"name":"Bench","site":"Bench"}' "$base/api/kiosks" \
      | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
    token=$(curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{}' "$base/api/kiosks/$id/token" | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
    auth=(-H "Authorization: Bearer $token")
  fi
  local times after
  times=$(for _ in $(seq "$scans"); do
    curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" -F "image=@$dev/Al_Sharpton_0006.jpg;type=image/jpeg" "$base/attendance"
  done)
  after=$(rss "$(pgrep -f "$dll" | head -1)")
  sort -n <<<"$times" | awk -v label="$2" -v started="$started" -v after="$after" \
    '{ t[NR] = $1 * 1000 } END { printf "%s median %.1f ms p95 %.1f ms, RSS %s -> %s MB\n", label, t[int((NR + 1) / 2)], t[int(NR * 0.95)], started, after }'
  pkill -f "$dll"; wait "$pid" 2>/dev/null || true; rm -rf "$data"
}
for round in $(seq "$rounds"); do run "$a" "round $round A"; run "$b" "round $round B"; done
