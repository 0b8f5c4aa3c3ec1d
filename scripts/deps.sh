#!/bin/sh
# scripts/deps.sh — installs what ipsdesk needs to build, test and run on Debian 12.
# Idempotent: installs only what is missing, then runs `npm ci` when node_modules is stale.
# It never downloads anything but Debian packages and npm registry packages.
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential pkg-config clang libclang-rt-14-dev sqlite3 libsqlite3-dev
libmicrohttpd-dev libjansson-dev libsodium-dev libcmocka-dev libxlsxwriter-dev
chromium nodejs npm curl ca-certificates wrk valgrind"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# A newer Node.js than Debian's may already be installed outside dpkg; keep it.
if command -v node >/dev/null 2>&1; then
	missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
fi
missing=$(echo $missing)
if [ -n "$missing" ]; then
	echo "deps: installing $missing"
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

major=$(node -e 'console.log(process.versions.node.split(".")[0])')
if [ "$major" -lt 20 ]; then
	echo "deps: Node.js $(node --version) is too old; ipsdesk's build needs Node.js 20 or newer" >&2
	echo "      (Debian 12 ships 18: install Node.js 20 from your usual source, then run this again)" >&2
	exit 1
fi

# npm ci only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "deps: npm ci"
	npm ci --no-audit --no-fund --loglevel=error
fi
