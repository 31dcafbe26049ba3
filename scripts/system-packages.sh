#!/usr/bin/env bash
# Installs the Debian packages the tests need when any is missing (as root, or with sudo):
#   chromium (browser tests), fonts-noto-cjk (Chinese glyphs in the browser),
#   poppler-utils (pdftotext/pdftoppm to check PDFs), postgresql (the real-server test pass).
# Does nothing when all are present, so `npm test` stays fast on a prepared machine.
set -euo pipefail
PACKAGES=(chromium fonts-noto-cjk poppler-utils postgresql)
missing=()
for p in "${PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]} — install them (Debian/Ubuntu names) and rerun." >&2
  exit 1
fi
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-o DPkg::Lock::Timeout=900 -o Dpkg::Use-Pty=0 -qq)
$SUDO apt-get "${APT_OPTS[@]}" update
$SUDO apt-get "${APT_OPTS[@]}" install -y "${PACKAGES[@]}" >/dev/null
