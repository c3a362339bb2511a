#!/usr/bin/env bash
# The backplane tests start their own redis-server on a free loopback port; this installs the Debian package
# that provides it, and does nothing when redis-server is already on the PATH.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

source "$(dirname "$0")/../lib/apt.sh"

echo "redis-server is missing; installing the Debian package redis-server."
apt_install redis-server
