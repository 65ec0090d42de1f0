#!/usr/bin/env bash
# Submits a transaction with the peer CLI: endorsed by both organizations' peers (the
# channel's MAJORITY policy), ordered, and waited for until the peer has committed it.
#
#   network/invoke.sh --name kv Put k1 v1
#   network/invoke.sh --name medchain [--org 1|2] 'Contract:Function' '{"json":"argument"}'
#
# --org picks the admin identity that signs (default 1: Org1MSP, the hospital).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

name="" org=1
while (( $# > 0 )); do
  case "$1" in
    --name) name="${2:-}"; shift 2 ;;
    --org) org="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[[ -n "${name}" ]] || die "--name <chaincode> is required"
(( $# > 0 )) || die "give the function and its arguments, e.g. Put k1 v1"
org_name "${org}" >/dev/null

require_fabric
load_settings
[[ -n "$(running_pid orderer)" ]] || die "the network is not running: start it with network/up.sh"

args=""
for arg in "$@"; do
  args+="${args:+,}$(json_string "${arg}")"
done
orderer_flags
endorser_flags
use_org "${org}"
exec peer chaincode invoke "${ORDERER_FLAGS[@]}" -C "${CHANNEL_NAME}" -n "${name}" "${ENDORSER_FLAGS[@]}" \
  -c "{\"Args\":[${args}]}" --waitForEvent
