#!/usr/bin/env bash
# Runs a chaincode server on its own, without a Fabric network: the same .NET process a
# peer would reach as chaincode-as-a-service, listening on 127.0.0.1 in plain gRPC and
# waiting for a peer to connect. The package id is a placeholder; a real peer only
# accepts the server when it is started with the id of an installed package
# (network/deploy-ccaas.sh does that).
#
#   network/chaincode-server.sh start [--name medchain|kv] [--port 9999] [--package-id ID]
#   network/chaincode-server.sh stop [--name medchain|kv]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

LOCAL_DIR="${REPO_ROOT}/.run/local"
PID_DIR="${LOCAL_DIR}/pids"
LOG_DIR="${LOCAL_DIR}/logs"

command="${1:-start}"
(( $# == 0 )) || shift
name=medchain port=9999 package_id="" config="${CONFIG:-Release}"
while (( $# > 0 )); do
  case "$1" in
    --name) name="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --package-id) package_id="${2:-}"; shift 2 ;;
    --config) config="${2:-}"; shift 2 ;;
    *) die "unknown option '$1'" ;;
  esac
done
project="$(cc_project "${name}")"
[[ -n "${project}" ]] || die "unknown chaincode '${name}' (medchain or kv)"
[[ "${port}" =~ ^[0-9]+$ ]] || die "--port '${port}' is not a number"
package_id="${package_id:-${name}_local:0000000000000000000000000000000000000000000000000000000000000000}"

case "${command}" in
  start)
    if [[ -z "$(running_pid "chaincode-${name}")" ]] && port_open "${port}"; then
      die "127.0.0.1:${port} is taken by another process; pick another with --port"
    fi
    mkdir -p "${LOG_DIR}"
    dotnet build "${project}" -c "${config}" -v q -nologo >"${LOG_DIR}/build-${name}.log" 2>&1 \
      || { tail -n 30 "${LOG_DIR}/build-${name}.log" >&2; die "building ${project} failed"; }
    assembly="$(dotnet msbuild "${project}" -getProperty:TargetPath -p:Configuration="${config}" 2>/dev/null)"
    start_process "chaincode-${name}" env CHAINCODE_SERVER_ADDRESS="127.0.0.1:${port}" \
      CORE_CHAINCODE_ID_NAME="${package_id}" CHAINCODE_ID="${package_id}" CHAINCODE_TLS_DISABLED=true \
      dotnet "${assembly}"
    wait_for_port "chaincode-${name}" "${port}" 60
    log "chaincode server ${name} on 127.0.0.1:${port} (package id ${package_id}, plain gRPC)"
    ;;
  stop) stop_process "chaincode-${name}" ;;
  *) die "usage: network/chaincode-server.sh start|stop [--name medchain|kv] [--port N] [--package-id ID]" ;;
esac
