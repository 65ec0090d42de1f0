#!/usr/bin/env bash
# Submits a transaction with the peer CLI: endorsed by both organizations' peers (the
# channel's MAJORITY policy), ordered, and waited for until the peer has committed it.
#
#   network/invoke.sh --name kv Put k1 v1
#   network/invoke.sh --name medchain [--org 1|2] 'Contract:Function' '{"json":"argument"}'
#
# --org picks the admin identity that signs (default 1: Org1MSP, the hospital).
# --endorsers 1 asks only Org1's peer to endorse (default 1,2); with the channel's MAJORITY
# policy the transaction is then invalidated (ENDORSEMENT_POLICY_FAILURE), which shows the policy.
# --msp DIR signs with another identity of organization --org (an MSP folder: signcerts/, keystore/).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

name="" org=1 endorsers="1,2" msp=""
while (( $# > 0 )); do
  case "$1" in
    --name) name="${2:-}"; shift 2 ;;
    --org) org="${2:-}"; shift 2 ;;
    --endorsers) endorsers="${2:-}"; shift 2 ;;
    --msp) msp="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[[ -n "${name}" ]] || die "--name <chaincode> is required"
(( $# > 0 )) || die "give the function and its arguments, e.g. Put k1 v1"
[[ "${org}" =~ ^[12]$ ]] || die "--org must be 1 (Org1MSP, hospital) or 2 (Org2MSP, pharmacy): only they have peers"

require_fabric
load_settings
[[ -n "$(running_pid orderer)" ]] || die "the network is not running: start it with network/up.sh"

args=""
for arg in "$@"; do
  args+="${args:+,}$(json_string "${arg}")"
done
[[ "${endorsers}" =~ ^[12](,[12])*$ ]] || die "--endorsers '${endorsers}' must list organizations 1 and/or 2, e.g. 1,2"
IFS=, read -r -a endorsing_orgs <<<"${endorsers}"
orderer_flags
endorser_flags "${endorsing_orgs[@]}"
use_org "${org}"
if [[ -n "${msp}" ]]; then
  [[ -d "${msp}/signcerts" && -d "${msp}/keystore" ]] || die "--msp ${msp} is not an MSP folder (signcerts/, keystore/)"
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH="$(cd "${msp}" && pwd)"
fi
exec peer chaincode invoke "${ORDERER_FLAGS[@]}" -C "${CHANNEL_NAME}" -n "${name}" "${ENDORSER_FLAGS[@]}" \
  -c "{\"Args\":[${args}]}" --waitForEvent
