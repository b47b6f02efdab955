#!/usr/bin/env bash
# Makes sure a headless Chromium is available for the Swagger UI tests (SwaggerUiTest and
# SwaggerAuthorizeBrowserTest, which drives the page over the DevTools protocol): installs
# Debian's `chromium` package when it is missing and we are root; otherwise says why it cannot.
# Exits 0 either way: without Chromium those tests are skipped with a message, not failed.
set -uo pipefail

for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "ensure-chromium: found $(command -v "$name")" >&2
    exit 0
  fi
done

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: no chromium on PATH and not root, so not installing it;" \
       "run 'sudo apt-get install -y chromium' to let SwaggerUiTest check /docs in a browser" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no chromium on PATH and no apt-get here; install Chromium by hand" \
       "to let SwaggerUiTest check /docs in a browser" >&2
  exit 0
fi

echo "ensure-chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q chromium >/tmp/ensure-chromium.log 2>&1; then
  # The package lists may be missing or stale on a fresh machine: refresh them once and retry.
  apt-get update -q >>/tmp/ensure-chromium.log 2>&1
  if ! apt-get install -y -q chromium >>/tmp/ensure-chromium.log 2>&1; then
    echo "ensure-chromium: installing chromium failed (see /tmp/ensure-chromium.log);" \
         "SwaggerUiTest will skip its browser check" >&2
    exit 0
  fi
fi
echo "ensure-chromium: installed $(command -v chromium)" >&2
