#!/usr/bin/env bash
# Start-up index load from PostgreSQL: for each face count, a fresh database seeded with that many faces (3 per
# person, random 512-d embeddings of the current model), then the app started on it (Release build); prints the
# app's own "Face index loaded ... in N ms" figure and its RSS once /healthz answers, against an empty database.
# Usage: tools/bench/index-load.sh [COUNT ...]   (default 10000 100000). Needs tools/postgres.sh's server and python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export PGPASSWORD=postgres
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
dotnet build "$root/FaceAttendance.Web" -c Release -v q -nologo >/dev/null
app_dll="$root/FaceAttendance.Web/bin/Release/net10.0/FaceAttendance.Web.dll"
port=5391
run() { # <database> -> prints "load_ms rss_mb"
  local log; log=$(mktemp)
  (cd "$(dirname "$app_dll")" && FaceAttendance__Database__Provider=Postgres FaceAttendance__KeyRingKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= \
    ConnectionStrings__Attendance="Host=127.0.0.1;Database=$1;Username=postgres;Password=postgres" \
    FaceAttendance__DataDir="$(mktemp -d)" FaceAttendance__Admin__ApiKey=bench-api-key-0001 FaceAttendance__Admin__Password=bench-password-0001 \
    exec dotnet "$app_dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1) &
  local pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
  local child; child=$(pgrep -P "$pid" -f FaceAttendance.Web.dll || echo "$pid")
  local rss; rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$child/status")
  local ms; ms=$(grep -o 'Face index loaded: .* in [0-9]* ms' "$log" | grep -o '[0-9]* ms$' | cut -d' ' -f1)
  local model; model=$(grep -o 'for model [0-9a-f]*' "$log" | cut -d' ' -f3)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$ms $rss $model"
}
psql_ -c "DROP DATABASE IF EXISTS fa_bench_index WITH (FORCE)" -c "CREATE DATABASE fa_bench_index"
read -r _ empty_rss model < <(run fa_bench_index)
echo "empty database: RSS ${empty_rss} MB (model $model)"
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
for count in "${counts[@]}"; do
  psql_ -d fa_bench_index -c 'TRUNCATE "Faces", "People" CASCADE'
  python3 "$root/tools/bench/seed-faces.py" people "$count" "$model" | psql_ -d fa_bench_index -c 'COPY "People" ("Id","EmployeeId","Name","Email","CreatedAt") FROM STDIN'
  python3 "$root/tools/bench/seed-faces.py" faces "$count" "$model" | psql_ -d fa_bench_index -c 'COPY "Faces" ("Id","PersonId","Embedding","ModelId","PhotoKey","CreatedAt") FROM STDIN'
  psql_ -d fa_bench_index -c 'VACUUM ANALYZE'
  for run_number in 1 2 3; do
    read -r ms rss _ < <(run fa_bench_index)
    echo "$count faces, run $run_number: index load ${ms} ms, RSS ${rss} MB ($((rss - empty_rss)) MB over the empty database)"
  done
done
psql_ -c "DROP DATABASE fa_bench_index WITH (FORCE)"
