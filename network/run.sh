#!/usr/bin/env bash
# The main job (`make run`), after the solution is built:
# - FABRIC_HOME set: stands up the local Fabric network, deploys the MedChain chaincode
#   as chaincode-as-a-service and prints how to call it;
# - FABRIC_HOME unset: Fabric can't run here, so it starts what can run on its own -- the
#   MedChain chaincode server on 127.0.0.1:9999 (waiting for a peer, placeholder package id)
#   and Azurite on 127.0.0.1:10000 -- and says how to get the rest.
# Everything runs in the background; `make stop` ends it.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

if [[ -n "${FABRIC_HOME:-}" ]]; then
  "${NETWORK_DIR}/up.sh"
  "${NETWORK_DIR}/deploy-ccaas.sh" --name medchain
  cat <<MSG

MedChain runs on a local Fabric 2.5 network (channel ${CHANNEL_NAME}, state in ${NETWORK_RUN_DIR}).
  query:    network/query.sh --name medchain org.hyperledger.fabric:GetMetadata
  invoke:   network/invoke.sh --name medchain <Contract:Function> <json args...>
  kv sample: network/deploy-ccaas.sh --name kv && network/invoke.sh --name kv Put k1 v1
  status:   network/status.sh        stop: make stop (keeps state) or make network-down (removes it)
  tests:    make acceptance
MSG
else
  "${NETWORK_DIR}/azurite.sh" start
  "${NETWORK_DIR}/chaincode-server.sh" start --name medchain --port 9999
  cat <<MSG

FABRIC_HOME is not set, so no Fabric network was started. Running instead:
  - the MedChain chaincode server (chaincode-as-a-service) on 127.0.0.1:9999, plain gRPC,
    package id placeholder "medchain_local:0000...": a peer can't use it until it is
    started with a real package id (network/deploy-ccaas.sh does that);
  - Azurite (blob storage emulator) on http://127.0.0.1:10000/devstoreaccount1.
Logs in .run/local/logs. Next:
  - get a network: unpack a Fabric 2.5 release (bin/, config/, builders/ccaas/),
    export FABRIC_HOME=<that directory>, then make stop && make run
  - run the tests: make test        stop these processes: make stop
MSG
fi
