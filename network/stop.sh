#!/usr/bin/env bash
# Stops single processes of the running network, keeping all state: for fault drills and for
# restarting one node. up.sh starts stopped nodes again; deploy-ccaas.sh --name NAME restarts a
# chaincode server.
#
#   network/stop.sh peer0.hospital.medchain.local
#   network/stop.sh chaincode-kv orderer
#
# Names are those of .run/network/pids/*.pid (network/status.sh lists them). Needs no FABRIC_HOME.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

(( $# > 0 )) || die "name the processes to stop, e.g. peer0.hospital.medchain.local or chaincode-kv"
NETWORK_PORT_BASE="${NETWORK_PORT_BASE:-27000}"
define_layout
known="$(cd "${PID_DIR}" 2>/dev/null && ls -- *.pid 2>/dev/null | sed 's/\.pid$//' | tr '\n' ' ' || true)"
for name in "$@"; do
  [[ "${name}" =~ ^[A-Za-z0-9._-]+$ ]] || die "'${name}' is not a process name"
  [[ -f "$(pid_file "${name}")" ]] || die "no process '${name}' in ${PID_DIR} (known: ${known:-none})"
  stop_process "${name}"
done
