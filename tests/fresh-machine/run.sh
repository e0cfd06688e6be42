#!/usr/bin/env bash
# The fresh-machine check (run by .ci/run): the README's first command on a machine with Node and
# nothing else. A clean clone in a scratch folder is installed with `npm install`, then, inside a
# network namespace of its own (nothing answers on PostgreSQL's or Redis's default port) and with
# a PATH that holds node, npm and redis-server but no PostgreSQL:
#   1. `npm run dev` starts an embedded PostgreSQL and redis-server, migrates, seeds the demo and
#      serves the app (health and sign-in page answer 200);
#   2. Ctrl-C (SIGINT) stops the app and the services it started;
#   3. the integration rig alone (`npm run test:integration -- <file>`) starts what is missing too.
# Needs root (unshare --net) and `ip`; run it from the repository.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d /tmp/packline-fresh.XXXXXX)
chmod 755 "$scratch" # the embedded server runs as the postgres user when we are root
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT

# Only what a newcomer's machine has: Node (with npm), redis-server, a shell and core tools
# (openssl makes the simulators' development certificates).
bin="$scratch/bin"
mkdir "$bin"
for tool in node npm npx redis-server openssl sh bash env id cat ls mkdir rm sleep dirname uname grep sed tail seq kill; do
  path=$(command -v "$tool") || continue # `kill` and `seq` may be shell builtins or absent
  [ "${path#/}" != "$path" ] && ln -s "$path" "$bin/$tool"
done

git clone -q "$repo" "$scratch/packline"
cd "$scratch/packline"
printf 'fresh machine: npm install in %s\n' "$scratch/packline"
PATH="$bin" npm install --no-audit --no-fund >"$scratch/install.log" 2>&1 || {
  tail -n 30 "$scratch/install.log"
  exit 1
}

# The rest runs in a new network namespace: loopback only, no system services.
unshare --net bash -c 'ip link set lo up && PATH="$0" exec bash tests/fresh-machine/inside.sh' "$bin"
