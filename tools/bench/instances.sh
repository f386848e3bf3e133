#!/usr/bin/env bash
# Aggregate POST /attendance throughput of one app instance against two on the same PostgreSQL database (Release
# build, same machine): one person enrolled, then REQUESTS multipart scans of a 250x250 dev photo sent CONCURRENCY at
# a time, first all to instance A alone, then alternately to A and B. Rounds alternate one / two to spread drift.
# Usage: tools/bench/instances.sh [REQUESTS] [CONCURRENCY] [ROUNDS]   (default 300 4 3). Needs tools/postgres.sh's server.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
requests=${1:-300}; concurrency=${2:-4}; rounds=${3:-3}
photo="$root/../shared/faces/dev/Al_Sharpton/Al_Sharpton_0001.jpg"
probe="$root/../shared/faces/dev/Al_Sharpton/Al_Sharpton_0006.jpg"
[ -f "$photo" ] || { echo "dev photos not found next to the repo (../shared/faces/dev)" >&2; exit 1; }
export PGPASSWORD=postgres
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS fa_bench_instances WITH (FORCE)" -c "CREATE DATABASE fa_bench_instances"
dotnet build "$root/FaceAttendance.Web" -c Release -v q -nologo >/dev/null
app_dll="$root/FaceAttendance.Web/bin/Release/net10.0/FaceAttendance.Web.dll"
pids=()
start() { # <port>
  (cd "$(dirname "$app_dll")" && FaceAttendance__Database__Provider=Postgres FaceAttendance__KeyRingKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= \
    ConnectionStrings__Attendance="Host=127.0.0.1;Database=fa_bench_instances;Username=postgres;Password=postgres" \
    FaceAttendance__DataDir="$(mktemp -d)" FaceAttendance__Admin__ApiKey=bench-api-key-0001 FaceAttendance__Admin__Password=bench-password-0001 \
    FaceAttendance__Kiosk__RequestsPerMinute=0 FaceAttendance__Kiosk__UploadsPerHour=1000000 Logging__LogLevel__Default=Warning \
    exec dotnet "$app_dll" --urls "http://127.0.0.1:$1" >/dev/null 2>&1) &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$1/healthz" >/dev/null; do sleep 0.2; done
}
# One kiosk serves every client on both instances (its token is in the shared database): its per-kiosk limits are
# lifted above (RequestsPerMinute=0 turns the rate limit off, UploadsPerHour at its maximum), so they never throttle
# the benchmark.
pair() { # <port>: pairs a kiosk through the admin API and sets token, the Bearer token every scan sends
  local id
  id=$(curl -sf -H 'X-Api-Key: bench-api-key-0001' -H 'Content-Type: application/json' -d '{"name":"Load test","site":"Bench"}' \
    "http://127.0.0.1:$1/api/kiosks" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  token=$(curl -sf -H 'X-Api-Key: bench-api-key-0001' -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$1/api/kiosks/$id/token" | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
}
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
load() { # <url ...>: prints requests per second
  local begin end
  begin=$(date +%s.%N)
  seq "$requests" | awk -v n=$# -v urls="$*" 'BEGIN { split(urls, u, " ") } { print u[($1 % n) + 1] }' |
    xargs -P "$concurrency" -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $token" -F "image=@$probe;type=image/jpeg" "{}/attendance" |
    sort | uniq -c | awk '$2 != 200 { print "non-200 answers: " $0 > "/dev/stderr" }'
  end=$(date +%s.%N)
  echo "$requests / ($end - $begin)" | bc -l | xargs printf '%.1f'
}
start 5392
person=$(curl -sf -H 'X-Api-Key: bench-api-key-0001' -H 'Content-Type: application/json' -d '{"employeeId":"B1","name":"Bench","consent":true}' http://127.0.0.1:5392/api/people | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
curl -sf -o /dev/null -H 'X-Api-Key: bench-api-key-0001' -F "image=@$photo;type=image/jpeg" "http://127.0.0.1:5392/api/people/$person/faces"
pair 5392
load http://127.0.0.1:5392 >/dev/null # warm-up
start 5393
load http://127.0.0.1:5393 >/dev/null # warm-up of B, which has followed the enrolment
echo "round one-instance two-instances ratio (requests/s, $requests scans, $concurrency at a time, $(nproc) cores)"
for round in $(seq "$rounds"); do
  one=$(load http://127.0.0.1:5392)
  two=$(load http://127.0.0.1:5392 http://127.0.0.1:5393)
  echo "$round $one $two $(echo "$two / $one" | bc -l | xargs printf '%.2f')"
done
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE fa_bench_instances WITH (FORCE)" 2>/dev/null || true
