#!/usr/bin/env bash
# A local Citus cluster for tests and trials: a coordinator and two workers on free loopback ports in a temp dir.
#   scripts/citus-cluster.sh start [DIR]   -> installs Citus when missing, starts the nodes, prints the coordinator's URL
#   scripts/citus-cluster.sh stop  [DIR]   -> stops the nodes and removes DIR
#   scripts/citus-cluster.sh available     -> exit 0 when the Citus files beside the repo (../shared/citus) exist
# Citus itself comes from ../shared/citus (resolved from the repository root upwards, as CI clones it beside shared/);
# without it the script says so and exits 3, so callers can skip the Citus run with a clear message.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# ../shared/citus beside the clone (or beside a parent folder, for a git worktree under the same root).
find_shared() {
  local d=$root
  while [ "$d" != / ]; do d=$(dirname "$d"); [ -x "$d/shared/citus/cluster.sh" ] && { echo "$d/shared/citus"; return; }; done
  echo "$(dirname "$root")/shared/citus"
}
shared=${CITUS_SHARED_DIR:-$(find_shared)}
cmd=${1:-start}; dir=${2:-${CITUS_CLUSTER_DIR:-/tmp/rekisteri-citus}}

if [ ! -x "$shared/cluster.sh" ] || [ ! -x "$shared/install.sh" ]; then
  echo "Citus is not available: $shared/cluster.sh and install.sh are missing (set CITUS_SHARED_DIR)" >&2
  exit 3
fi
[ "$cmd" = available ] && exit 0

if [ "$cmd" = stop ]; then
  "$shared/cluster.sh" stop "$dir"
  rm -rf "$dir"
  exit 0
fi

# Three consecutive free ports: the shared script places the coordinator on base and the workers on base+1, base+2.
free_base() {
  node -e '
    const net = require("node:net");
    const tryPort = (p) => new Promise((ok) => { const s = net.createServer(); s.once("error", () => ok(false)); s.listen(p, "127.0.0.1", () => s.close(() => ok(true))); });
    (async () => {
      for (let tries = 0; tries < 200; tries++) {
        const base = 20000 + Math.floor(Math.random() * 30000);
        if ((await tryPort(base)) && (await tryPort(base + 1)) && (await tryPort(base + 2))) { console.log(base); return; }
      }
      process.exit(1);
    })();'
}

"$shared/install.sh" >&2
rm -rf "$dir"; mkdir -p "$dir"; chmod 755 "$dir"
base=${CITUS_BASE_PORT:-$(PATH="$root/node_modules/.bin:$PATH" free_base)}
CITUS_BASE_PORT=$base "$shared/cluster.sh" start "$dir" 2
