#!/usr/bin/env bash
# Installs the system packages the tests and benchmarks need (PostgreSQL, Redis, Chromium, wrk, npm) when they
# are missing. Uses apt-get as root, or sudo; otherwise says what to install and fails.
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
# Headless Chromium for the browser tests (the same build as the `chromium` package).
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v runuser >/dev/null || missing+=(util-linux)
command -v wrk >/dev/null || missing+=(wrk)  # the HTTP load generator of bench/
command -v npm >/dev/null || missing+=(npm)  # installs axe-core for the accessibility test

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Missing system packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) and rerun." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q "${missing[@]}"
