#!/usr/bin/env bash
# The main job end to end: make run, make demo (the story must complete: its exit status is non-zero at the
# first answer that differs), make stop, then nothing of it may be left running or listening, even when a step
# failed or the check is interrupted. Two modes, as make run picks them:
#   FABRIC_HOME set (make acceptance): the local Fabric network; run it under the acceptance lock;
#   FABRIC_HOME unset: the embedded ledger server (network/run-check.sh on a machine without Fabric, CI).
# Uses make run's fixed ports (the 27000 block, the embedded ledger 27051, 27081-27083, Azurite 10000). If
# `make run` is active already it is left alone and this check is skipped.
set -euo pipefail
# Two checks on one machine (a CI run beside make acceptance) would fight over make run's fixed ports: one at a time.
if command -v flock >/dev/null && [[ -z "${MEDCHAIN_RUN_PORTS_LOCKED:-}" ]]; then
  exec env MEDCHAIN_RUN_PORTS_LOCKED=1 flock "${TMPDIR:-/tmp}/medchain-run-ports.lock" "$0" "$@"
fi
source "$(dirname "$0")/lib/common.sh"
cd "${REPO_ROOT}"

if [[ -n "$(PID_DIR="${REPO_ROOT}/.run/services/pids" running_pid gateway-hospital)" ]]; then
  log "make run is active in ${REPO_ROOT}: not touching it, so the run/demo/stop check is skipped (make stop, then make acceptance)"
  exit 0
fi

failed=0
log "check: make run, make demo, make stop on $([[ -n "${FABRIC_HOME:-}" ]] && echo "the Fabric network (FABRIC_HOME=${FABRIC_HOME})" || echo "the embedded ledger (FABRIC_HOME is not set)")"
trap 'make -s stop >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT TERM
make -s run CONFIG="${CONFIG:-Release}" || { log "check: make run failed"; exit 1; }
make -s demo CONFIG="${CONFIG:-Release}" || { log "check: make demo did not complete the story"; failed=1; }
make -s stop || { log "check: make stop failed"; failed=1; }
trap - EXIT

# Nothing left: no pid file of ours names a live process, no port of ours is open.
left=""
for file in .run/services/pids/*.pid .run/local/pids/*.pid .run/network/pids/*.pid; do
  [[ -f "${file}" ]] || continue
  PID_DIR="$(dirname "${file}")"
  [[ -z "$(running_pid "$(basename "${file}" .pid)")" ]] || left+=" $(basename "${file}" .pid)"
done
for port in 27081 27082 27083 10000 27050 27051 27151 27251 27901; do
  ! port_open "${port}" || left+=" port:${port}"
done
[[ -z "${left}" ]] || { log "check: still running after make stop:${left}"; failed=1; }
(( failed == 0 )) && log "check: make run, make demo and make stop passed; nothing left running"
exit "${failed}"
