#!/usr/bin/env bash
# Shows what runs: processes, the channel on each node, committed chaincodes.
# Exit code 0 when the orderer and both peers run, 1 otherwise.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

require_fabric
if [[ ! -f "${NETWORK_RUN_DIR}/network.env" ]]; then
  log "no network in ${NETWORK_RUN_DIR} (start one with network/up.sh)"
  exit 1
fi
load_settings
echo "network state: ${NETWORK_RUN_DIR} (TLS ${NETWORK_TLS}, ports from ${NETWORK_PORT_BASE}, channel ${CHANNEL_NAME})"

healthy=true
show() {
  local proc="$1" what="$2" pid
  pid="$(running_pid "${proc}")"
  if [[ -n "${pid}" ]]; then
    printf '  %-32s running (pid %s) %s\n' "${proc}" "${pid}" "${what}"
  else
    printf '  %-32s stopped %s\n' "${proc}" "${what}"
    return 1
  fi
}
echo "processes:"
show orderer "${ORDERER_ADDRESS}" || healthy=false
for org in "${ORGS[@]}"; do
  show "$(peer_host "${org}")" "$(peer_address "${org}") $(org_msp "${org}")" || healthy=false
done
for dir in "${CC_RUN_DIR}"/*/; do
  [[ -d "${dir}" ]] || continue
  cc="$(basename "${dir}")"
  show "chaincode-${cc}" "$(cat "${dir}/package-id" 2>/dev/null || echo '(not deployed)')" || true
done

if [[ "${healthy}" == true ]]; then
  echo "channel ${CHANNEL_NAME}:"
  for org in "${ORGS[@]}"; do
    use_org "${org}"
    height="$(peer channel getinfo -c "${CHANNEL_NAME}" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/\1/p')"
    printf '  %-32s height %s\n' "$(peer_host "${org}")" "${height:-?}"
  done
  use_org 1
  echo "committed chaincodes:"
  peer lifecycle chaincode querycommitted --channelID "${CHANNEL_NAME}" 2>/dev/null | sed -n 's/^Name: /  /p' || true
  exit 0
fi
exit 1
