#!/usr/bin/env bash
# The main job (`make run`), after the solution is built: all of MedChain on this machine.
# - FABRIC_HOME set: the local Fabric network (up.sh), the MedChain chaincode deployed with its
#   organization registry initialized (deploy-ccaas.sh), Azurite, one HTTP service per organization
#   (network/services.sh start fabric) and the demo patients enrolled at the hospital;
# - FABRIC_HOME unset: the same services with the embedded ledger (Ledger:Mode=Embedded).
# Everything runs in the background; re-running is safe; `make stop` ends it; `make demo` uses it.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

CONFIG="${CONFIG:-Release}"
export CONFIG
demo="${REPO_ROOT}/src/Demo/bin/${CONFIG}/net10.0/MedChain.Demo.dll"
[[ -f "${demo}" ]] || die "${demo} is missing: run make build (CONFIG=${CONFIG})"

# The embedded ledger (Ledger:Mode=Embedded) runs the chaincode inside one service process, and its block log
# is opened by one process only, so the three organizations' services can't share it yet: without FABRIC_HOME
# there is no multi-organization story to run. EMBEDDED_LEDGER_AVAILABLE=true tries it anyway (issue #15).
EMBEDDED_LEDGER_AVAILABLE="${EMBEDDED_LEDGER_AVAILABLE:-false}"

step() { printf '\n==> %s\n' "$*" >&2; }

if [[ -n "${FABRIC_HOME:-}" ]]; then
  mode=fabric
  step "1/5 Fabric network (FABRIC_HOME=${FABRIC_HOME}; about 10 s)"
  "${NETWORK_DIR}/up.sh"
  step "2/5 MedChain chaincode: build, install, approve, commit, organization registry (about 30-60 s)"
  "${NETWORK_DIR}/deploy-ccaas.sh" --name medchain
else
  mode=embedded
  if [[ "${EMBEDDED_LEDGER_AVAILABLE}" != true ]]; then
    cat >&2 <<MSG
[network] FABRIC_HOME is not set. The embedded ledger (Ledger:Mode=Embedded) runs the chaincode inside one
[network] service process, and the hospital, pharmacy and regulator services can't share it yet (one process
[network] per block log), so the three-organization story needs Fabric for now.
[network] Set FABRIC_HOME to a Fabric 2.5 release (bin/, config/, builders/ccaas/) and run make run again.
MSG
    exit 1
  fi
  step "1/5 No FABRIC_HOME: the embedded ledger (the MedChain chaincode inside each service, state in .run/ledger)"
  step "2/5 (no network to deploy to)"
fi

step "3/5 Azurite (blob storage)"
"${NETWORK_DIR}/azurite.sh" start

step "4/5 HTTP services: hospital (Org1MSP), pharmacy (Org2MSP), regulator (Org3MSP)"
"${NETWORK_DIR}/services.sh" start "${mode}"

step "5/5 Demo users: patients enrolled at the hospital"
dotnet "${demo}" admit --run-file "${REPO_ROOT}/.run/run.json"

cat <<MSG

MedChain runs ($([[ "${mode}" == fabric ]] && echo "Fabric network, state in ${NETWORK_RUN_DIR}" || echo "embedded ledger, state in .run/ledger")).
  hospital  (Org1MSP)  http://127.0.0.1:27081   OpenAPI http://127.0.0.1:27081/openapi/v1.json   Scalar http://127.0.0.1:27081/scalar
  pharmacy  (Org2MSP)  http://127.0.0.1:27082   OpenAPI http://127.0.0.1:27082/openapi/v1.json   Scalar http://127.0.0.1:27082/scalar
  regulator (Org3MSP)  http://127.0.0.1:27083   OpenAPI http://127.0.0.1:27083/openapi/v1.json   Scalar http://127.0.0.1:27083/scalar
  blob storage (Azurite)  http://127.0.0.1:10000/devstoreaccount1
Demo users (make token USER=<name> prints a bearer token, valid 1 hour):
$(dotnet "${demo}" users)
  e.g.  curl -H "Authorization: Bearer \$(make -s token USER=dr-house)" http://127.0.0.1:27081/api/patients/<patient>/access-log
Next: make demo (the story, through the HTTP API)      stop everything: make stop
Logs: .run/services/logs, .run/local/logs$([[ "${mode}" == fabric ]] && echo ", ${NETWORK_RUN_DIR}/logs")
MSG
