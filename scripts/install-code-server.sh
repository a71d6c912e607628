#!/usr/bin/env bash
# Installs code-server (VS Code's own server build) into a version-keyed cache,
# without any download beyond the npm registry. code-server's normal postinstall
# cannot run here: it refuses root and downloads ripgrep from GitHub. See
# CONTRIBUTING.md, "How the tests get a real VS Code".
# Usage: install-code-server.sh [VERSION]
#   VERSION defaults to $CODE_SERVER_VERSION, else the newest in scripts/code-server-versions.json.
# Prints the install folder on its last line.
set -euo pipefail

versions_file="$(dirname "$0")/code-server-versions.json"
version="${1:-${CODE_SERVER_VERSION:-$(node -p "require(process.argv[1]).newest.codeServer" "$(realpath "$versions_file")")}}"
cache_root="${GREEN_API_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/green-api-vscode}"
target="$cache_root/code-server-$version"
stamp="$target/.installed"

if [[ -f "$stamp" ]]; then
  echo "$target"
  exit 0
fi

for tool in rg; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing (apt-get install ripgrep)" >&2; exit 1; }
done

log() { echo "install-code-server: $*" >&2; }
mkdir -p "$cache_root"
# Built beside its final place and moved in at the end, so an interrupted install leaves no half cache.
work="$(mktemp -d "$cache_root/.partial.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log "fetching code-server@$version from the npm registry"
(cd "$work" && npm pack --silent "code-server@$version" >/dev/null && tar -xzf code-server-*.tgz && rm code-server-*.tgz)
pkg="$work/package"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# Older releases (4.90.x) declare dev dependencies whose peer ranges conflict; npm resolves
# the whole tree before --omit=dev drops them, so it refuses. Only then are peer ranges ignored:
# the dev tools are not installed, and releases that resolve cleanly keep npm's normal checks.
npm_install() {
  npm install --omit=dev --ignore-scripts --no-package-lock >&2 && return 0
  log "npm refused the dependency tree in $PWD; retrying with --legacy-peer-deps"
  npm install --omit=dev --ignore-scripts --no-package-lock --legacy-peer-deps >&2
}

log "installing code-server's own dependencies"
(cd "$pkg" && npm_install && npm rebuild argon2 >&2)

log "installing VS Code's dependencies (a few minutes)"
(cd "$pkg/lib/vscode" && npm_install)
# @vscode/ripgrep's postinstall downloads rg from GitHub; it skips when bin/ exists.
mkdir -p "$pkg/lib/vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$pkg/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
(cd "$pkg/lib/vscode" && npm rebuild >&2)
ln -sfn node_modules "$pkg/lib/vscode/node_modules.asar"

log "installing the built-in extensions' dependencies"
(cd "$pkg/lib/vscode/extensions" && npm_install)

node "$pkg/out/node/entry.js" --version >&2
rm -rf "$target"
mv "$pkg" "$target"
touch "$stamp"
echo "$target"
