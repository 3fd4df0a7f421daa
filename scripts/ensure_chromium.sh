#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests.
# Idempotent: does nothing when it is already there. Playwright never downloads
# a browser of its own here: the tests drive this system Chromium.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "ensure_chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already installed."
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure_chromium: $CHROMIUM is missing and this is not root, so it cannot be installed." >&2
    echo "ensure_chromium: install Debian's package by hand: sudo apt-get install chromium" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: $CHROMIUM is missing and apt-get is not available to install it." >&2
    exit 1
fi

echo "ensure_chromium: $CHROMIUM is missing; installing Debian's chromium package."
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! apt-get update -q >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "ensure_chromium: 'apt-get update' failed; cannot install chromium." >&2
    exit 1
fi
if ! apt-get install -y -q --no-install-recommends chromium >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "ensure_chromium: 'apt-get install chromium' failed." >&2
    exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
    echo "ensure_chromium: the chromium package installed but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "ensure_chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")."
