#!/usr/bin/env bash
# Evaluates a transaction on one peer with the peer CLI (nothing is ordered or written)
# and prints the chaincode's response payload.
#
#   network/query.sh --name kv Get k1
#   network/query.sh --name medchain --org 2 org.hyperledger.fabric:GetMetadata
#
# --org picks the peer and the admin identity (default 1: Org1MSP, the hospital).
# --msp DIR queries as another identity of that organization (an MSP folder).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

name="" org=1 msp=""
while (( $# > 0 )); do
  case "$1" in
    --name) name="${2:-}"; shift 2 ;;
    --org) org="${2:-}"; shift 2 ;;
    --msp) msp="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[[ -n "${name}" ]] || die "--name <chaincode> is required"
(( $# > 0 )) || die "give the function and its arguments, e.g. Get k1"
[[ "${org}" =~ ^[12]$ ]] || die "--org must be 1 (Org1MSP, hospital) or 2 (Org2MSP, pharmacy): only they have peers"

require_fabric
load_settings
[[ -n "$(running_pid "$(peer_host "${org}")")" ]] || die "$(peer_host "${org}") is not running: start the network with network/up.sh"

args=""
for arg in "$@"; do
  args+="${args:+,}$(json_string "${arg}")"
done
use_org "${org}"
if [[ -n "${msp}" ]]; then
  [[ -d "${msp}/signcerts" && -d "${msp}/keystore" ]] || die "--msp ${msp} is not an MSP folder (signcerts/, keystore/)"
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH="$(cd "${msp}" && pwd)"
fi
exec peer chaincode query -C "${CHANNEL_NAME}" -n "${name}" -c "{\"Args\":[${args}]}"
