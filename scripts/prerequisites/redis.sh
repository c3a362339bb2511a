#!/usr/bin/env bash
# The backplane tests start their own redis-server on a free loopback port; this installs the Debian package
# that provides it, and does nothing when redis-server is already on the PATH.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

echo "redis-server is missing; installing the Debian package redis-server."
run_as_root apt-get update
run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server
