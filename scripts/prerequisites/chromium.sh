#!/usr/bin/env bash
# The browser tests (tests/VoipBin.Realtime.Tests/WebDemo) drive Debian's Chromium at /usr/bin/chromium.
# Playwright's own browser downloads are never used. Installs the package only when the binary is missing.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
else
  as_root=(sudo)
fi

echo "chromium.sh: /usr/bin/chromium is missing; installing Debian's chromium package."
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y chromium
