#!/usr/bin/env bash
# The build runs `npm ci` in web-demo/ to fetch the demo page's pinned SignalR libraries, which the browser tests
# load; this installs Debian's Node.js and npm when npm is missing, and does nothing otherwise.
set -euo pipefail

if command -v npm >/dev/null 2>&1; then
  exit 0
fi

source "$(dirname "$0")/../lib/apt.sh"

echo "npm is missing; installing the Debian packages nodejs and npm."
apt_install nodejs npm
