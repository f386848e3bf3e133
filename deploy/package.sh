#!/usr/bin/env bash
# Builds the Lambda deployment package that deploy/template.yaml's CodeUri points at: the web app published
# self-contained for Amazon Linux 2023 (runtime provided.al2023) and ReadyToRun-compiled for a faster cold start,
# plus the `bootstrap` Lambda runs. The app runs the Runtime API loop itself when AWS_LAMBDA_RUNTIME_API is set.
#   deploy/package.sh [arm64|x86_64]     (default arm64; pass the same Architecture to sam deploy)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
arch="${1:-arm64}"
case "$arch" in
  arm64) rid=linux-arm64 ;;
  x86_64) rid=linux-x64 ;;
  *) echo "package: architecture must be arm64 or x86_64, not '$arch'" >&2; exit 2 ;;
esac
out="$root/artifacts/lambda/package"
rm -rf "$out"
dotnet publish "$root/FaceAttendance.Web/FaceAttendance.Web.csproj" -c Release -r "$rid" --self-contained true \
  -p:PublishReadyToRun=true -p:UseAppHost=true -o "$out" --nologo -v quiet
cat > "$out/bootstrap" <<'SH'
#!/bin/sh
# provided.al2023 starts this; the app finds AWS_LAMBDA_RUNTIME_API and serves invocations instead of HTTP
exec /var/task/FaceAttendance.Web
SH
chmod 755 "$out/bootstrap" "$out/FaceAttendance.Web"
(cd "$out" && rm -f "../faceattendance-$arch.zip" && zip -qr -X "../faceattendance-$arch.zip" .)
echo "package: $out ($(du -sh "$out" | cut -f1) unzipped), artifacts/lambda/faceattendance-$arch.zip ($(du -h "$root/artifacts/lambda/faceattendance-$arch.zip" | cut -f1))"
