#!/usr/bin/env bash
# Brings a machine to the point where the workspace runs: the pinned pnpm, the dependencies
# and, with --browser, Debian's Chromium for the end-to-end tests. Safe to run again; quick
# when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>20||(a===20&&b>=19)?1:0)')
if [ "$node_ok" != 1 ]; then
  echo "Node.js >= 20.19 is required (found $(node --version))." >&2
  exit 1
fi

want_pnpm=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want_pnpm" ]; then
  echo "Installing pnpm $want_pnpm ..."
  npm install --global --no-fund --no-audit "pnpm@$want_pnpm" >/dev/null
fi

# --frozen-lockfile: a fresh machine gets exactly the versions this repository was tested with.
pnpm install --frozen-lockfile --prefer-offline --reporter=silent

if [ "${1:-}" = "--browser" ]; then
  chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    echo "Installing Debian's Chromium for the end-to-end tests ..."
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  fi
fi
