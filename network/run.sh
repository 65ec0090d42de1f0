#!/usr/bin/env bash
# The main job (`make run`), after the solution is built: all of MedChain on this machine.
# - FABRIC_HOME set: the local Fabric network (up.sh), the MedChain chaincode deployed with its
#   organization registry initialized (deploy-ccaas.sh), Azurite, one HTTP service per organization
#   (network/services.sh start fabric) and the demo patients enrolled at the hospital;
# - FABRIC_HOME unset: the embedded ledger server (src/EmbeddedLedger.Server: the same chaincode behind a
#   peer's Gateway service on 127.0.0.1:27051, state in .run/ledger) and the same services against it.
# Everything runs in the background; re-running is safe; `make stop` ends it; `make demo` uses it.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

CONFIG="${CONFIG:-Release}"
export CONFIG
demo="${REPO_ROOT}/src/Demo/bin/${CONFIG}/net10.0/MedChain.Demo.dll"
[[ -f "${demo}" ]] || die "${demo} is missing: run make build (CONFIG=${CONFIG})"

step() { printf '\n==> %s\n' "$*" >&2; }

if [[ -n "${FABRIC_HOME:-}" ]]; then
  mode=fabric
  step "1/5 Fabric network (FABRIC_HOME=${FABRIC_HOME}; about 10 s)"
  "${NETWORK_DIR}/up.sh"
  step "2/5 MedChain chaincode: build, install, approve, commit, organization registry (about 30-60 s)"
  "${NETWORK_DIR}/deploy-ccaas.sh" --name medchain
else
  mode=embedded
  step "1/5 No FABRIC_HOME, so no Fabric network: the embedded ledger instead (the MedChain chaincode behind a peer's Gateway service, state in .run/ledger; set FABRIC_HOME to a Fabric 2.5 release for the real network)"
  step "2/5 (no network to deploy to: the embedded ledger starts with the services and bootstraps the organization registry on a new ledger)"
fi

step "3/5 Azurite (blob storage)"
"${NETWORK_DIR}/azurite.sh" start

step "4/5 $([[ "${mode}" == embedded ]] && echo "Embedded ledger server, then ")HTTP services: hospital (Org1MSP), pharmacy (Org2MSP), regulator (Org3MSP)"
"${NETWORK_DIR}/services.sh" start "${mode}"

step "5/5 Demo users: patients enrolled at the hospital"
dotnet "${demo}" admit --run-file "${REPO_ROOT}/.run/run.json"

cat <<MSG

MedChain runs ($([[ "${mode}" == fabric ]] && echo "Fabric network, state in ${NETWORK_RUN_DIR}" || echo "embedded ledger, state in .run/ledger")).
  hospital  (Org1MSP)  http://127.0.0.1:27081   OpenAPI http://127.0.0.1:27081/openapi/v1.json   Scalar http://127.0.0.1:27081/scalar
  pharmacy  (Org2MSP)  http://127.0.0.1:27082   OpenAPI http://127.0.0.1:27082/openapi/v1.json   Scalar http://127.0.0.1:27082/scalar
  regulator (Org3MSP)  http://127.0.0.1:27083   OpenAPI http://127.0.0.1:27083/openapi/v1.json   Scalar http://127.0.0.1:27083/scalar
  blob storage (Azurite)  http://127.0.0.1:10000/devstoreaccount1$([[ "${mode}" == embedded ]] && printf '\n  embedded ledger (Gateway service, plain gRPC)  127.0.0.1:27051, block log .run/ledger/blocks.log')
Demo users (make token USER=<name> prints a bearer token, valid 1 hour):
$(dotnet "${demo}" users)
  e.g.  curl -H "Authorization: Bearer \$(make -s token USER=dr-house)" http://127.0.0.1:27081/api/patients/<patient>/access-log
Next: make demo (the story, through the HTTP API)      stop everything: make stop
Logs: .run/services/logs (embedded-ledger.log without Fabric), .run/local/logs$([[ "${mode}" == fabric ]] && echo ", ${NETWORK_RUN_DIR}/logs")
MSG
