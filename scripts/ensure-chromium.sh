#!/bin/sh
# Make sure Debian's chromium is at /usr/bin/chromium for the browser tests (tests/e2e).
# Installs it with apt-get when we are root; otherwise explains what to run. Never downloads a browser
# any other way (no `playwright install`).
set -eu

CHROMIUM="${STORYLENS_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    echo "ensure-chromium: found $CHROMIUM"
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: installing Debian's chromium with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
    if [ -x "$CHROMIUM" ]; then
        echo "ensure-chromium: installed $CHROMIUM"
        exit 0
    fi
    echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi

cat >&2 <<MSG
ensure-chromium: $CHROMIUM is missing and this script cannot install it (needs root and apt-get).
Install Debian's chromium yourself, e.g.:  sudo apt-get update && sudo apt-get install chromium
or point STORYLENS_CHROMIUM at an existing Chromium binary. The browser tests in tests/e2e skip without it
(and fail under CI).
MSG
# Not an error outside CI: the e2e tests skip with this reason.
if [ -n "${CI:-}" ]; then exit 1; fi
exit 0
