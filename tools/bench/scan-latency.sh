#!/usr/bin/env bash
# POST /attendance latency of two builds side by side (Release, local mode, SQLite): one person enrolled from 3 dev
# photos, duplicate window 0, then SCANS sequential multipart scans of a 250x250 dev photo, rounds alternating A B A B.
# A build without kiosk pairing (before "Every record is true") is sent anonymous scans; one with it pairs a kiosk
# through the admin API first and sends its Bearer token, as a script kiosk does.
# Usage: tools/bench/scan-latency.sh <repo A> <repo B> [SCANS] [ROUNDS]   (default 100 2); prints per round and build:
# median and p95 in ms, RSS after start and after the scans in MB.
# FRAMES_A / FRAMES_B (default 1): frames per scan for each build, a burst of Al_Sharpton 0006, 0007, 0005, 0002, 0004.
# FLOW=upload times the kiosk page's way instead (POST /presign for the frames, a PUT each, POST /attendance their keys).
set -euo pipefail
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); scans=${3:-100}; rounds=${4:-2}
dev="$(cd "$(dirname "$0")/../.." && pwd)/../shared/faces/dev/Al_Sharpton"
[ -d "$dev" ] || { echo "dev photos not found next to the repo (../shared/faces/dev)" >&2; exit 1; }
for repo in "$a" "$b"; do dotnet build "$repo/FaceAttendance.Web" -c Release -v q -nologo >/dev/null; done
key=bench-api-key-0001; port=5391; base="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
frames_of() { local files=(0006 0007 0005 0002 0004) out=() i; for i in $(seq 0 $(($1 - 1))); do out+=("$dev/Al_Sharpton_${files[$i]}.jpg"); done; echo "${out[@]}"; }
upload_scan() { # <frames...>: presign, PUT each frame, POST the keys; prints the wall time in seconds
  local started presigned urls keys i=0 frame
  started=$(date +%s%N)
  presigned=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "{\"contentType\":\"image/jpeg\",\"frames\":$#}" "$base/presign")
  mapfile -t urls < <(grep -o '"uploadUrl":"[^"]*"' <<<"$presigned" | cut -d'"' -f4 | tail -n "$#")
  mapfile -t keys < <(grep -o '"key":"[^"]*"' <<<"$presigned" | cut -d'"' -f4 | tail -n "$#")
  for frame in "$@"; do curl -sf -o /dev/null "${auth[@]}" -X PUT -H 'Content-Type: image/jpeg' --data-binary "@$frame" "${urls[$i]}" & i=$((i + 1)); done
  wait
  curl -s -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"keys\":[$(printf '"%s",' "${keys[@]}" | sed 's/,$//')]}" "$base/attendance"
  echo "scale=4; ($(date +%s%N) - $started) / 1000000000" | bc
}
run() { # <repo> <label> <frames>
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
  local times after frames form=()
  read -ra frames <<<"$(frames_of "$3")"
  for frame in "${frames[@]}"; do form+=(-F "image=@$frame;type=image/jpeg"); done
  times=$(for _ in $(seq "$scans"); do
    if [ "${FLOW:-post}" = upload ]; then upload_scan "${frames[@]}"
    else curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" "${form[@]}" "$base/attendance"; fi
  done)
  after=$(rss "$(pgrep -f "$dll" | head -1)")
  sort -n <<<"$times" | awk -v label="$2" -v started="$started" -v after="$after" \
    '{ t[NR] = $1 * 1000 } END { printf "%s median %.1f ms p95 %.1f ms, RSS %s -> %s MB\n", label, t[int((NR + 1) / 2)], t[int(NR * 0.95)], started, after }'
  pkill -f "$dll"; wait "$pid" 2>/dev/null || true; rm -rf "$data"
}
for round in $(seq "$rounds"); do run "$a" "round $round A (${FRAMES_A:-1} frames)" "${FRAMES_A:-1}"; run "$b" "round $round B (${FRAMES_B:-1} frames)" "${FRAMES_B:-1}"; done
