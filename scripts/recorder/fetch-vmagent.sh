#!/usr/bin/env bash
# Puts the real vmagent of Debian's `victoria-metrics` package into a cache directory:
# `apt-get download` + `dpkg-deb -x` only — the package is never installed, so no service is started.
# Idempotent: does nothing when the cache already holds the binary.
#
#   scripts/recorder/fetch-vmagent.sh            # → .cache/victoria-metrics/{vmagent,VERSION}
#   KSD_VMAGENT_CACHE=/some/dir scripts/recorder/fetch-vmagent.sh
#
# The goldens in test/conformance/fixtures were recorded with victoria-metrics 1.79.5+ds1-2+b5 (Debian
# bookworm); that version is asked for first. If apt only offers another one, it is extracted anyway and
# the recorder reports the version it ran (verify then fails on the version line, as it should).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${KSD_VMAGENT_CACHE:-$ROOT/.cache/victoria-metrics}"
PIN="${KSD_VMAGENT_DEB_VERSION:-1.79.5+ds1-2+b5}"

if [[ -x "$DEST/vmagent" && -s "$DEST/VERSION" ]]; then
  exit 0
fi
for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || { echo "fetch-vmagent: $tool not found; the recorder needs a Debian-like system (apt-get download + dpkg-deb -x)" >&2; exit 1; }
done

mkdir -p "$(dirname "$DEST")"
WORK="$(mktemp -d "$(dirname "$DEST")/.victoria-metrics.tmp.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
apt_opts=(-q)
# As root, apt's download sandbox user cannot write into our directory; download as root instead.
[[ "$(id -u)" = 0 ]] && apt_opts+=(-o APT::Sandbox::User=root)

download() { (cd "$WORK" && apt-get "${apt_opts[@]}" download "$@" >&2); }
if ! download "victoria-metrics=$PIN"; then
  if [[ "$(id -u)" = 0 ]]; then
    echo "fetch-vmagent: refreshing apt package lists" >&2
    apt-get -qq update >&2 || true
  fi
  download "victoria-metrics=$PIN" || download victoria-metrics || {
    echo "fetch-vmagent: apt-get download victoria-metrics failed (is a Debian mirror reachable, and the package lists current? try: apt-get update)" >&2
    exit 1
  }
fi
deb="$(ls "$WORK"/victoria-metrics_*.deb | head -n 1)"
dpkg-deb -x "$deb" "$WORK/root"
[[ -x "$WORK/root/usr/bin/vmagent" ]] || { echo "fetch-vmagent: $deb has no usr/bin/vmagent" >&2; exit 1; }

mkdir -p "$WORK/out"
cp "$WORK/root/usr/bin/vmagent" "$WORK/out/vmagent"
cp "$WORK/root/usr/share/doc/victoria-metrics/copyright" "$WORK/out/copyright" 2>/dev/null || true
dpkg-deb -f "$deb" Version > "$WORK/out/VERSION"
printf '*\n' > "$WORK/out/.gitignore"   # keep the cache out of git status
rm -rf "$DEST"
mv "$WORK/out" "$DEST"
echo "fetch-vmagent: vmagent from victoria-metrics $(cat "$DEST/VERSION") in $DEST" >&2
