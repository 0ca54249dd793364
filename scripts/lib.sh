# Shared by scripts/run, scripts/test and scripts/bench.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NODE_PATH=/usr/share/nodejs

say() { printf '\033[1m%s:\033[0m %s\n' "$(basename "$0")" "$*"; }

ensure_setup() {
  "$ROOT/scripts/setup" >/tmp/delegate-setup.$$.log 2>&1 || {
    cat /tmp/delegate-setup.$$.log >&2; rm -f /tmp/delegate-setup.$$.log; exit 1; }
  grep -v ': present$\|all present$' /tmp/delegate-setup.$$.log || true
  rm -f /tmp/delegate-setup.$$.log
}

build_preset() {
  local preset="$1"; shift
  say "building $preset"
  cmake --preset "$preset" >/dev/null || { say "configuring $preset failed"; exit 1; }
  cmake --build --preset "$preset" "$@" || { say "building $preset failed"; exit 1; }
}

build_all() {
  build_preset native
  build_preset wasm
}
