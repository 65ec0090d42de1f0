#!/usr/bin/env bash
# Stops the chaincode servers, the peers and the orderer started by up.sh/deploy-ccaas.sh
# (only the processes in .run/network/pids) and removes the network's state.
#
#   network/down.sh          # stop and remove everything
#   network/down.sh --keep   # stop, keep ledgers and crypto (up.sh restarts on them)
# Needs no FABRIC_HOME.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

keep=false
case "${1:-}" in
  --keep) keep=true ;;
  "") ;;
  *) die "unknown option '$1' (use --keep or nothing)" ;;
esac

NETWORK_PORT_BASE="${NETWORK_PORT_BASE:-27000}"
define_layout
if [[ -d "${PID_DIR}" ]]; then
  # Chaincode servers first, then peers, the orderer last.
  for file in "${PID_DIR}"/chaincode-*.pid "${PID_DIR}"/peer*.pid "${PID_DIR}"/orderer.pid; do
    [[ -f "${file}" ]] || continue
    stop_process "$(basename "${file}" .pid)"
  done
fi
if [[ "${keep}" == false && -d "${NETWORK_RUN_DIR}" ]]; then
  rm -rf "${NETWORK_RUN_DIR}"
  log "removed ${NETWORK_RUN_DIR}"
fi
log "network is down"
