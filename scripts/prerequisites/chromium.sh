#!/usr/bin/env bash
# The browser tests (tests/VoipBin.Realtime.Tests/WebDemo) drive Debian's Chromium at /usr/bin/chromium; this
# installs the Debian package when that binary is missing, and does nothing otherwise. Playwright's own browser
# downloads are never used. (The page's npm packages need nothing here: the project's build runs `npm ci`.)
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# Waits for another apt-get to finish rather than failing on its lock.
apt_get=(apt-get -o DPkg::Lock::Timeout=600)

echo "/usr/bin/chromium is missing; installing the Debian package chromium."
run_as_root "${apt_get[@]}" update
run_as_root env DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y chromium
