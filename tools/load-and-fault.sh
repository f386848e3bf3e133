#!/usr/bin/env bash
# Load and fault run against a real app process on a DataDir of its own (a 256 MB tmpfs): a soak of kiosk scans,
# 16 parallel decompression bombs, kill -9 cycles under load, a full disk and a read-only DataDir. Prints the RSS under
# bombs, requests refused, rows lost (confirmed scans missing after restart), orphaned snapshots and recovery times.
# Needs root (or sudo) for the tmpfs and for running the app as an unprivileged user; curl and python3.
#   sudo tools/load-and-fault.sh            # SOAK_SECONDS=300 WORKERS=4 KILLS=5 by default
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
soak_seconds="${SOAK_SECONDS:-300}"; workers="${WORKERS:-4}"; kills="${KILLS:-5}"; port="${PORT:-5497}"
photo="$root/../shared/faces/dev/Al_Sharpton/Al_Sharpton_0001.jpg"
scan_photo="$root/../shared/faces/dev/Al_Sharpton/Al_Sharpton_0006.jpg"
[ -f "$photo" ] || { echo "dev photos not found next to the repo (../shared/faces/dev)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo): it mounts a tmpfs and runs the app as nobody for the read-only case" >&2; exit 1; }
key=fault-run-api-key-0001
base="http://127.0.0.1:$port"
work=$(mktemp -d); mnt="$work/mnt"; data="$mnt/data"; mkdir -p "$mnt"
mount -t tmpfs -o size=256m tmpfs "$mnt"
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; umount -l "$mnt" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build "$root/FaceAttendance.Web" -c Release -v q -nologo >/dev/null
app_dll="$root/FaceAttendance.Web/bin/Release/net10.0/FaceAttendance.Web.dll"

start() { # [runner...]: starts the app and waits until it answers; sets pid and started_ms
  (cd "$(dirname "$app_dll")" && FaceAttendance__DataDir="$data" FaceAttendance__Admin__ApiKey=$key \
    FaceAttendance__Admin__Password=fault-run-password FaceAttendance__Kiosk__RequestsPerMinute=0 \
    FaceAttendance__Kiosk__UploadsPerHour=1000000 \
    FaceAttendance__DuplicateWindow=00:00:00 FaceAttendance__Storage__MinFreeBytes=16777216 HOME="$mnt" \
    Logging__LogLevel__Default=Warning exec "$@" dotnet "$app_dll" --urls "$base" >>"$work/app.log" 2>&1) &
  pid=$!
  local t0; t0=$(date +%s%N)
  until curl -s -o /dev/null "$base/healthz"; do
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  started_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
pair() { # pairs a kiosk through the admin API and sets token; the kiosk and its token live in the database, in the
  # DataDir, so they survive the restarts below (pair again only if the DataDir is deleted)
  local id
  id=$(curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{"name":"Load test","site":"Bench"}' \
    "$base/api/kiosks" | python3 -c 'import json,sys; print(json.load(sys.stdin)["kiosk"]["id"])')
  token=$(curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{}' "$base/api/kiosks/$id/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
}
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; }
hwm_mb() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status"; }
scan() { # prints "recorded" for a check-in or check-out, else the status code (200 for already-recorded)
  local answer; answer=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $token" -F "image=@$scan_photo;type=image/jpeg" "$base/attendance" || echo " 000")
  case "$answer" in *'"checked-'*' 200') echo recorded ;; *) echo "${answer##* }" ;; esac
}
events() { curl -s -H "X-Api-Key: $key" "$base/api/attendance?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
scanners() { # <seconds> <log>: $workers parallel loops of scans, each status appended to <log>
  local until=$(( $(date +%s) + $1 ))
  local loops=()
  for _ in $(seq "$workers"); do (while [ "$(date +%s)" -lt "$until" ]; do scan; done >>"$2") & loops+=($!); done
  wait "${loops[@]}"
}

start; echo "started on a 256 MB tmpfs in $started_ms ms"
pair
person=$(curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
  -d '{"employeeId":"F1","name":"Fault Run","consent":true}' "$base/api/people" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -o /dev/null -H "X-Api-Key: $key" -F "image=@$photo;type=image/jpeg" "$base/api/people/$person/faces"

echo "== soak: $soak_seconds s, $workers parallel kiosks"
rss_min=100000; rss_max=0
( scanners "$soak_seconds" "$work/soak.txt" ) & load=$!
while kill -0 "$load" 2>/dev/null; do
  r=$(rss_mb); [ "$r" -lt "$rss_min" ] && rss_min=$r; [ "$r" -gt "$rss_max" ] && rss_max=$r; sleep 2
done
recorded=$(grep -c '^recorded$' "$work/soak.txt" || true); ok=$((recorded + $(grep -c '^200$' "$work/soak.txt" || true)))
total=$(wc -l <"$work/soak.txt")
echo "scans: $total, answered 200: $ok ($recorded check-ins/outs), refused or failed: $((total - ok)); RSS $rss_min-$rss_max MB; events in the database $(events)"
stored=$(find "$data/objects/snapshots" -type f | wc -l) # every snapshot should back an event
echo "snapshots on disk $stored for $(events) events: orphans $((stored - $(events)))"
echo "bytes kept per scan: $(( $(du -sb "$data" | cut -f1) / (ok > 0 ? ok : 1) )) (DataDir $(du -sh "$data" | cut -f1))"

echo "== 16 parallel bombs (6300x6300 PNG, $(python3 - "$work/bomb.png" <<'PY'
import struct, sys, zlib
w = h = 6300
raw = zlib.compress(b''.join(b'\x00' + b'\x80' * (w * 3) for _ in range(h)), 9)
chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', raw) + chunk(b'IEND', b''))
print(len(open(sys.argv[1], 'rb').read()))
PY
) bytes each)"
before=$(rss_mb)
bombs=()
for _ in $(seq 16); do curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $token" -F "image=@$work/bomb.png;type=image/png" "$base/attendance" >>"$work/bombs.txt" & bombs+=($!); done
normal=$(scan); wait "${bombs[@]}"
sleep 3
echo "answers: $(sort "$work/bombs.txt" | uniq -c | tr '\n' ' '); a normal scan meanwhile: $normal; RSS before $before MB, peak $(hwm_mb) MB, after $(rss_mb) MB"

echo "== $kills kill -9 cycles under load"
lost=0; worst=0
for cycle in $(seq "$kills"); do
  : >"$work/cycle.txt"
  before=$(events)
  ( scanners 3 "$work/cycle.txt" ) & load=$!
  sleep 1.5; kill -9 "$pid"; wait "$load" 2>/dev/null || true
  start; ms=$started_ms; [ "$ms" -gt "$worst" ] && worst=$ms
  confirmed=$(grep -c '^recorded$' "$work/cycle.txt" || true)
  missing=$(( before + confirmed - $(events) )); [ "$missing" -gt 0 ] && lost=$((lost + missing))
  echo "cycle $cycle: $confirmed check-ins/outs confirmed, $missing of them missing after restart, back in $ms ms"
done
echo "rows lost over $kills cycles: $lost; slowest restart $worst ms"

echo "== disk full"
before=$(events)
avail=$(df -B1 --output=avail "$mnt" | tail -1)
head -c $(( avail - 4 * 1024 * 1024 )) /dev/zero >"$mnt/filler" 2>/dev/null || true
sleep 1.1
: >"$work/full.txt"; for _ in $(seq 20); do scan >>"$work/full.txt"; done
echo "20 scans on a full disk: $(sort "$work/full.txt" | uniq -c | tr '\n' ' '); /healthz $(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")"
t0=$(date +%s%N); rm -f "$mnt/filler"
until [ "$(scan)" = recorded ]; do sleep 0.1; done
echo "recovered $(( ($(date +%s%N) - t0) / 1000000 )) ms after space was freed; rows lost $(( before + $(grep -c '^recorded$' "$work/full.txt" || true) + 1 - $(events) ))"

echo "== read-only DataDir (restart as nobody on files it cannot write)"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
chmod -R a-w,a+rX "$data"
if start setpriv --reuid=65534 --regid=65534 --clear-groups; then
  echo "started: /healthz $(curl -s -o /dev/null -w '%{http_code}' "$base/healthz"), a scan $(scan)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
else
  echo "refused to start: $(grep 'could not start' "$work/app.log" | tail -1)"
fi
pid=""; chmod -R u+w "$data"
start; echo "back up in $started_ms ms with $(events) events"
