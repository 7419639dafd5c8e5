#!/usr/bin/env bash
#
# deps.sh: installs the Debian 12 packages that ecoreg's build and tests
# need, and only those that are missing.  Quiet when everything is present,
# never reads standard input (CI runs without one), and runs apt-get as root
# directly or through `sudo -n`; otherwise it names the missing packages and
# fails.
set -euo pipefail

PACKAGES=(
    build-essential
    cmake
    pkg-config
    libjansson-dev
    libcjson-dev
    libcsv-dev
    libsqlite3-dev
    libsodium-dev
    libcmocka-dev
    libmicrohttpd-dev
    libjs-chart.js
    curl
    wrk
    chromium
    fonts-liberation
)
# Node.js runs the HTTP and browser tests (playwright-core from npm); a
# machine with its own node (NodeSource's, say) keeps it.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    PACKAGES+=(nodejs npm)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps: dpkg-query not found; this script expects Debian 12." >&2
    echo "deps: install these packages by hand: ${PACKAGES[*]}" >&2
    exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$pkg")
    fi
done

# The npm packages of package.json (package-lock.json pins them), once.
npm_deps() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    if [ ! -f "$root/node_modules/playwright-core/package.json" ]; then
        echo "deps: npm ci (playwright-core)"
        (cd "$root" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
    fi
}

if [ "${#missing[@]}" -eq 0 ]; then
    npm_deps
    echo "deps: all present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true </dev/null 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "deps: missing packages: ${missing[*]}" >&2
    echo "deps: not root and no password-less sudo; run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "deps: installing ${missing[*]}"
# sudo resets the environment, so pass DEBIAN_FRONTEND through env(1).
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q
     -o Dpkg::Use-Pty=0)
"${apt[@]}" update </dev/null
"${apt[@]}" install -y --no-install-recommends "${missing[@]}" </dev/null
echo "deps: installed ${missing[*]}"
npm_deps
