#!/usr/bin/env bash
# The build runs `npm ci` in web-demo/ to fetch the demo page's pinned SignalR libraries, which the browser tests
# load; this installs Debian's Node.js and npm when npm is missing, and does nothing otherwise.
set -euo pipefail

if command -v npm >/dev/null 2>&1; then
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

apt_get=(apt-get -o DPkg::Lock::Timeout=600)

echo "npm is missing; installing the Debian packages nodejs and npm."
run_as_root "${apt_get[@]}" update
run_as_root env DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y nodejs npm
