#!/usr/bin/env bash
# The .NET Gateway client (`medchain-fabric load`) next to the official Node client (bench/node-gateway-load.mjs)
# on the running local network (network/up.sh, kv deployed): submit at 64 in flight, then evaluate at 32, each
# client in turn, one JSON line per run. Node's client is not a project dependency: NODE_CLIENT_DIR must hold
# node_modules/@hyperledger/fabric-gateway (npm install @hyperledger/fabric-gateway@1.11 into a scratch folder).
#
#   NODE_CLIENT_DIR=/tmp/node-client bench/gateway-clients.sh [--duration 20] [--warmup 5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "${here}/../network/lib/common.sh"

duration=20 warmup=5
while (( $# > 0 )); do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ -d "${NODE_CLIENT_DIR:-}/node_modules/@hyperledger/fabric-gateway" ]] || die "NODE_CLIENT_DIR must hold node_modules/@hyperledger/fabric-gateway"

require_fabric
load_settings
[[ -n "$(running_pid orderer)" ]] || die "the network is not running: start it with network/up.sh"

cli="${here}/../src/FabricClient.Cli/bin/Release/net10.0/medchain-fabric.dll"
dotnet build -c Release -v q --nologo "${here}/../src/FabricClient.Cli" >&2

user_msp="$(org_dir 1)/users/User1@$(org_domain 1)/msp"
[[ -d "${user_msp}" ]] || user_msp="$(org_admin_msp 1)"
common=(--endpoint "$(peer_address 1)" --msp-id "$(org_msp 1)" --msp-dir "${user_msp}" --channel "${CHANNEL_NAME}" --chaincode kv
  --duration "${duration}" --warmup "${warmup}")
if [[ "${NETWORK_TLS}" == true ]]; then
  common+=(--tls-ca "$(peer_tls_ca 1)" --server-name "$(peer_host 1)")
fi

run() {
  local client="$1"; shift
  local line
  if [[ "${client}" == dotnet ]]; then
    line="$(dotnet "${cli}" load "${common[@]}" "$@")"
  else
    line="$(NODE_PATH="${NODE_CLIENT_DIR}/node_modules" node "${here}/node-gateway-load.mjs" "${common[@]}" "$@")"
  fi
  echo "{\"Client\":\"${client}\",${line#\{}"
}

# Submits write key-<n> (both clients write disjoint keys: no MVCC conflicts); evaluations read keys the first run wrote.
run dotnet --mode submit --concurrency 64 Put 'dotnet-{n}' 'value-{n}'
run node --mode submit --concurrency 64 Put 'node-{n}' 'value-{n}'
run dotnet --mode evaluate --concurrency 32 Get 'dotnet-{n%200}'
run node --mode evaluate --concurrency 32 Get 'dotnet-{n%200}'
