#!/usr/bin/env bash
# System packages the test suite needs. Idempotent; quick when already present.
set -euo pipefail
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing ${need_apt[*]} and not root: browser tests will fail" >&2
  fi
fi

# The real vmagent 1.79.5 for the live recorder (npm run conformance:verify, test/recorder): Debian's
# victoria-metrics package, fetched with `apt-get download` and extracted with `dpkg-deb -x` into
# .cache/victoria-metrics (never installed, so no service starts). Idempotent.
if ! "$(dirname "${BASH_SOURCE[0]}")/recorder/fetch-vmagent.sh"; then
  echo "could not fetch vmagent: the recorder tests (test/recorder) will fail" >&2
fi
