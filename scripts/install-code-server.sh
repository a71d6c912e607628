#!/usr/bin/env bash
# Installs code-server (VS Code's own server build) into a version-keyed cache,
# without any download beyond the npm registry. code-server's normal postinstall
# cannot run here: it refuses root and downloads ripgrep from GitHub. See
# README "How the tests get a real VS Code".
# Prints the install folder on its last line.
set -euo pipefail

version="${CODE_SERVER_VERSION:-4.100.3}"
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

log "installing code-server's own dependencies"
(cd "$pkg" && npm install --omit=dev --ignore-scripts --no-package-lock >&2 && npm rebuild argon2 >&2)

log "installing VS Code's dependencies (a few minutes)"
(cd "$pkg/lib/vscode" && npm install --omit=dev --ignore-scripts --no-package-lock >&2)
# @vscode/ripgrep's postinstall downloads rg from GitHub; it skips when bin/ exists.
mkdir -p "$pkg/lib/vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$pkg/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
(cd "$pkg/lib/vscode" && npm rebuild >&2)
ln -sfn node_modules "$pkg/lib/vscode/node_modules.asar"

log "installing the built-in extensions' dependencies"
(cd "$pkg/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --no-package-lock >&2)

node "$pkg/out/node/entry.js" --version >&2
rm -rf "$target"
mv "$pkg" "$target"
touch "$stamp"
echo "$target"
