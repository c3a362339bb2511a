#!/usr/bin/env bash
# The browser tests (tests/VoipBin.Realtime.Tests/WebDemo) drive Debian's Chromium at /usr/bin/chromium; this
# installs the Debian package when that binary is missing, and does nothing otherwise. Playwright's own browser
# downloads are never used. (The page's npm packages need nothing here: the project's build runs `npm ci`.)
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

source "$(dirname "$0")/../lib/apt.sh"

echo "/usr/bin/chromium is missing; installing the Debian package chromium."
apt_install chromium
