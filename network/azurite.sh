#!/usr/bin/env bash
# Starts (or stops) Azurite's blob service on 127.0.0.1:10000 in the background, the
# local stand-in for Azure Blob Storage that the off-chain store uses.
# Data in .run/azurite, log in .run/local/logs/azurite.log. Needs `npm ci` (make setup).
#
#   network/azurite.sh start | stop | status
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

LOCAL_DIR="${REPO_ROOT}/.run/local"
PID_DIR="${LOCAL_DIR}/pids"
LOG_DIR="${LOCAL_DIR}/logs"
AZURITE_PORT="${AZURITE_PORT:-10000}"
azurite="${REPO_ROOT}/node_modules/.bin/azurite-blob"

case "${1:-start}" in
  start)
    [[ -x "${azurite}" ]] || die "${azurite} is missing: run 'make setup' (npm ci) first"
    if [[ -z "$(running_pid azurite)" ]] && port_open "${AZURITE_PORT}"; then
      die "127.0.0.1:${AZURITE_PORT} is taken by another process; stop it or set AZURITE_PORT"
    fi
    mkdir -p "${REPO_ROOT}/.run/azurite"
    start_process azurite node "${azurite}" --blobHost 127.0.0.1 --blobPort "${AZURITE_PORT}" \
      --skipApiVersionCheck --disableTelemetry --silent --location "${REPO_ROOT}/.run/azurite"
    wait_for_port azurite "${AZURITE_PORT}" 30
    log "Azurite blob service on http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1"
    ;;
  stop) stop_process azurite ;;
  status)
    pid="$(running_pid azurite)"
    if [[ -z "${pid}" ]]; then
      echo "azurite stopped"
      exit 1
    fi
    echo "azurite running (pid ${pid}) on 127.0.0.1:${AZURITE_PORT}"
    ;;
  *) die "usage: network/azurite.sh start|stop|status" ;;
esac
