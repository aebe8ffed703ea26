#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright; Playwright's own browser download
# cannot work here. Install it when missing; the tests skip with a reason if it still is not there.
set -u
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
    || echo "warning: could not install chromium; browser tests will be skipped" >&2
else
  echo "warning: chromium missing and cannot apt-get install it; browser tests will be skipped" >&2
fi
exit 0
