#!/usr/bin/env bash
# Deploys a .NET chaincode to the local network as chaincode-as-a-service:
#   1. packages it as a ccaas package (network/package-ccaas.sh) pointing at 127.0.0.1:<port>;
#      with NETWORK_TLS=true the chaincode server gets a certificate from Org1's TLS CA and,
#      unless CC_CLIENT_AUTH=false, the peers authenticate to it with one as well (mutual TLS);
#   2. installs the package on both peers and works out its package id;
#   3. starts the chaincode server (dotnet <project>) with CHAINCODE_SERVER_ADDRESS and
#      CORE_CHAINCODE_ID_NAME=<package id> (plus CHAINCODE_TLS_* when TLS is on);
#   4. approves the definition for Org1MSP and Org2MSP, checks commit readiness, commits it
#      and queries it back on both peers; the definition carries the private data collections of
#      network/config/collections/<name>.json when that file exists (or --collections-config);
#   5. for medchain (defined with --init-required): the init invocation Admin:InitRegistry
#      bootstraps the organization registry (Org1MSP hospital, Org2MSP pharmacy, Org3MSP regulator).
# Running it again with the same inputs changes nothing (the package is reproducible);
# a changed package becomes the next sequence.
#
#   network/deploy-ccaas.sh --name kv
#   network/deploy-ccaas.sh --name medchain --port 27901
#   network/deploy-ccaas.sh --name mycc --project path/to/My.csproj --port 27910
#
# Options: --name NAME (required: medchain | kv | any name with --project), --project CSPROJ|DLL,
#          --port N, --version V (default 1.0), --config Debug|Release (default $CONFIG or Release),
#          --no-server (print the server's environment instead of starting it),
#          --collections-config FILE (default network/config/collections/<name>.json if present)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

name="" project="" port="" version="1.0" config="${CONFIG:-Release}" start_server=true collections=""
while (( $# > 0 )); do
  case "$1" in
    --name) name="${2:-}"; shift 2 ;;
    --project) project="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --version) version="${2:-}"; shift 2 ;;
    --config) config="${2:-}"; shift 2 ;;
    --no-server) start_server=false; shift ;;
    --collections-config) collections="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ -n "${name}" ]] || die "--name is required: medchain, kv, or another name together with --project"
[[ "${name}" =~ ^[a-z0-9][a-z0-9_-]*$ ]] || die "--name '${name}' is not a valid chaincode name (lower-case letters, digits, _ and -)"
[[ "${version}" =~ ^[[:alnum:]][[:alnum:]_.+-]*$ ]] || die "--version '${version}' may hold letters, digits and _.+- only"

require_fabric
load_settings

[[ -n "${project}" ]] || project="$(cc_project "${name}")"
[[ -n "${project}" ]] || die "no project is known for chaincode '${name}': pass --project <.csproj or .dll>"
[[ -f "${project}" ]] || die "chaincode project ${project} does not exist"
[[ -n "${port}" ]] || port="$(cc_default_port "${name}")"
[[ "${port}" =~ ^[0-9]+$ ]] || die "--port '${port}' is not a number"
[[ -n "${collections}" || ! -f "${NETWORK_DIR}/config/collections/${name}.json" ]] || collections="${NETWORK_DIR}/config/collections/${name}.json"
if [[ -n "${collections}" ]]; then
  [[ -f "${collections}" ]] || die "collections config ${collections} does not exist"
  jq -e 'type == "array" and all(.[]; (.name | type == "string") and (.policy | type == "string"))' "${collections}" >/dev/null \
    || die "collections config ${collections} is not a JSON array of collections with name and policy"
fi

for proc in orderer "$(peer_host 1)" "$(peer_host 2)"; do
  [[ -n "$(running_pid "${proc}")" ]] || die "${proc} is not running: start the network with network/up.sh"
done

label="${name}_${version}"
cc_dir="${CC_RUN_DIR}/${name}"
server_name="chaincode-${name}"
address="127.0.0.1:${port}"
mkdir -p "${cc_dir}"
orderer_flags
endorser_flags "${ORGS[@]}"

# --- TLS material for the chaincode server ------------------------------------------------

CC_CLIENT_AUTH="${CC_CLIENT_AUTH:-true}"
tls_dir="${cc_dir}/tls"
tls_ca="$(org_tlsca_dir 1)/tlsca.$(org_domain 1)-cert.pem"
tls_ca_key="$(org_tlsca_dir 1)/priv_sk"

# issue_cert NAME EXTENDED_KEY_USAGE: an EC P-256 key and certificate from Org1's TLS CA.
issue_cert() {
  local base="${tls_dir}/$1" eku="$2"
  [[ -f "${base}.crt" && -f "${base}.key" ]] && return 0
  command -v openssl >/dev/null || die "openssl is needed to issue the chaincode server's TLS certificate"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "${base}.key" 2>/dev/null
  openssl req -new -key "${base}.key" -subj "/O=$(org_domain 1)/OU=chaincode/CN=${name}.$1" -out "${base}.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=${eku}" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"${base}.ext"
  openssl x509 -req -in "${base}.csr" -CA "${tls_ca}" -CAkey "${tls_ca_key}" -set_serial "0x$(openssl rand -hex 16)" \
    -days 365 -sha256 -extfile "${base}.ext" -out "${base}.crt" 2>/dev/null \
    || die "could not sign ${base}.crt with ${tls_ca_key}"
  rm -f "${base}.csr" "${base}.ext"
}

package_flags=()
if [[ "${NETWORK_TLS}" == true ]]; then
  mkdir -p "${tls_dir}"
  issue_cert server serverAuth
  package_flags+=(--tls --root-cert "${tls_ca}")
  if [[ "${CC_CLIENT_AUTH}" == true ]]; then
    issue_cert peer-client clientAuth
    package_flags+=(--client-auth --client-cert "${tls_dir}/peer-client.crt" --client-key "${tls_dir}/peer-client.key")
  fi
fi

# --- package and install -----------------------------------------------------------------------

package="$("${NETWORK_DIR}/package-ccaas.sh" --label "${label}" --address "${address}" --out "${cc_dir}" "${package_flags[@]}")"
use_org 1
package_id="$(peer lifecycle chaincode calculatepackageid "${package}")" || die "could not calculate the package id of ${package}"
log "package ${package} has id ${package_id}"

installed_on_peer() {
  peer lifecycle chaincode queryinstalled 2>>"${LOG_DIR}/cli.log" | grep -qF "Package ID: ${package_id},"
}
# install_on_peer: also true when the peer answers that the package is installed already (a
# query that failed for a moment must not turn a re-run into a failed install).
install_on_peer() {
  local out
  out="$(peer lifecycle chaincode install "${package}" 2>&1)" && return 0
  printf '%s\n' "${out}" >>"${LOG_DIR}/cli.log"
  [[ "${out}" == *"already successfully installed"* ]]
}
for org in "${ORGS[@]}"; do
  use_org "${org}"
  if retry 3 1 installed_on_peer; then
    log "${package_id} is installed on $(peer_host "${org}") already"
  else
    log "installing ${label} on $(peer_host "${org}")"
    retry 3 2 install_on_peer || die "install on $(peer_host "${org}") failed; see ${LOG_DIR}/cli.log"
  fi
done

# --- the chaincode server --------------------------------------------------------------------------

server_env=(
  CHAINCODE_SERVER_ADDRESS="${address}"
  CORE_CHAINCODE_ID_NAME="${package_id}"
  CHAINCODE_ID="${package_id}"
)
if [[ "${NETWORK_TLS}" == true ]]; then
  server_env+=(CHAINCODE_TLS_DISABLED=false CHAINCODE_TLS_CERT="${tls_dir}/server.crt" CHAINCODE_TLS_KEY="${tls_dir}/server.key")
  [[ "${CC_CLIENT_AUTH}" != true ]] || server_env+=(CHAINCODE_CLIENT_CA_CERT="${tls_ca}")
else
  server_env+=(CHAINCODE_TLS_DISABLED=true)
fi

if [[ "${project}" == *.dll ]]; then
  assembly="${project}"
else
  log "building ${project} (${config})"
  dotnet build "${project}" -c "${config}" -v q -nologo >"${LOG_DIR}/build-${name}.log" 2>&1 \
    || { tail -n 30 "${LOG_DIR}/build-${name}.log" >&2; die "building ${project} failed; see ${LOG_DIR}/build-${name}.log"; }
  assembly="$(dotnet msbuild "${project}" -getProperty:TargetPath -p:Configuration="${config}" 2>/dev/null)"
fi
[[ -f "${assembly}" ]] || die "chaincode assembly ${assembly} not found"

if [[ "${start_server}" == true ]]; then
  # A server started for another package (e.g. before a TLS change) must go.
  if [[ -n "$(running_pid "${server_name}")" && "$(cat "${cc_dir}/server.package-id" 2>/dev/null)" != "${package_id}" ]]; then
    stop_process "${server_name}"
  fi
  echo "${package_id}" >"${cc_dir}/server.package-id"
  require_free_ports "${server_name}" "${port}"
  start_process "${server_name}" env "${server_env[@]}" dotnet "${assembly}"
  wait_for_port "${server_name}" "${port}" 60
else
  log "not starting the server; run it with:"
  printf '  %q' env "${server_env[@]}" dotnet "${assembly}" >&2
  printf '\n' >&2
fi

# --- approve, commit -------------------------------------------------------------------------------

use_org 1
committed="$(peer lifecycle chaincode querycommitted --channelID "${CHANNEL_NAME}" --name "${name}" 2>/dev/null || true)"
committed_seq="$(sed -n 's/.*Sequence: \([0-9][0-9]*\),.*/\1/p' <<<"${committed}")"
approved_pkg() {
  peer lifecycle chaincode queryapproved --channelID "${CHANNEL_NAME}" --name "${name}" --sequence "$1" 2>/dev/null \
    | sed -n 's/.*package-id: \([^,]*\),.*/\1/p'
}
# The collection configuration is part of the definition: a changed one is a new sequence too.
# The peer CLI prints no comparable form of the committed collections, so the deployed file's
# hash is kept next to the package id.
collections_hash="$( [[ -n "${collections}" ]] && jq -cS . "${collections}" | sha256sum | cut -d' ' -f1 || echo none)"
if [[ -n "${committed_seq}" && "$(approved_pkg "${committed_seq}")" == "${package_id}" \
  && "$(cat "${cc_dir}/collections.sha256" 2>/dev/null || echo none)" == "${collections_hash}" ]]; then
  log "${name} sequence ${committed_seq} with ${package_id} is committed already"
  sequence=""
else
  sequence=$(( ${committed_seq:-0} + 1 ))
fi

if [[ -n "${sequence}" ]]; then
  definition=(--channelID "${CHANNEL_NAME}" --name "${name}" --version "${version}" --sequence "${sequence}")
  # medchain's organization registry is bootstrapped by the init invocation only (init_medchain_registry).
  [[ "${name}" == medchain ]] && definition+=(--init-required)
  # Private data collections (explicit ones; every organization's _implicit_org_<MSPID> exists anyway).
  [[ -z "${collections}" ]] || definition+=(--collections-config "${collections}")
  for org in "${ORGS[@]}"; do
    use_org "${org}"
    if [[ "$(approved_pkg "${sequence}")" == "${package_id}" ]]; then
      log "$(org_msp "${org}") has approved ${name} sequence ${sequence} already"
      continue
    fi
    log "approving ${name} sequence ${sequence} for $(org_msp "${org}")"
    peer lifecycle chaincode approveformyorg "${ORDERER_FLAGS[@]}" "${definition[@]}" --package-id "${package_id}" \
      2>>"${LOG_DIR}/cli.log" || die "approveformyorg failed for $(org_msp "${org}"); see ${LOG_DIR}/cli.log"
  done

  both_approved() {
    local out
    out="$(peer lifecycle chaincode checkcommitreadiness "${definition[@]}" --output json 2>/dev/null)" || return 1
    grep -Eq '"Org1MSP": *true' <<<"${out}" && grep -Eq '"Org2MSP": *true' <<<"${out}"
  }
  for org in "${ORGS[@]}"; do
    use_org "${org}"
    retry 15 2 both_approved || die "$(peer_host "${org}") does not see both approvals of ${name} sequence ${sequence}"
  done

  log "committing ${name} sequence ${sequence}"
  use_org 1
  peer lifecycle chaincode commit "${ORDERER_FLAGS[@]}" "${definition[@]}" "${ENDORSER_FLAGS[@]}" 2>>"${LOG_DIR}/cli.log" \
    || die "commit of ${name} failed; see ${LOG_DIR}/cli.log"
fi

for org in "${ORGS[@]}"; do
  use_org "${org}"
  committed_on_peer() {
    peer lifecycle chaincode querycommitted --channelID "${CHANNEL_NAME}" --name "${name}" 2>/dev/null \
      | grep -q "Sequence: ${sequence:-${committed_seq}},"
  }
  retry 15 2 committed_on_peer || die "$(peer_host "${org}") does not show ${name} as committed"
done
echo "${collections_hash}" >"${cc_dir}/collections.sha256"
# Peers announce installed chaincodes through gossip: until both peers' announcements have
# arrived, the Gateway cannot plan the two-organization endorsement the policy asks for.
log "waiting until each peer's discovery finds endorsers of ${name} in every organization"
wait_for_discovery "find endorsers of ${name} in every organization" "${NETWORK_DISCOVERY_TIMEOUT:-120}" endorsers --chaincode "${name}"
echo "${package_id}" >"${cc_dir}/package-id"

# --- medchain: init invocation bootstraps the organization registry ---------------------------------
# The peer runs the init invocation first and once per definition version, endorsed by both peers
# (the MAJORITY policy). A later version's init finds the registry in place: then an empty init.
init_medchain_registry() {
  local registry
  registry="$(<"${NETWORK_DIR}/config/registry.json")"
  local args out
  use_org 1
  if peer chaincode query -C "${CHANNEL_NAME}" -n "${name}" -c '{"Args":["Admin:GetOrganizations"]}' >/dev/null 2>&1; then
    log "${name} is initialized already"
    return 0
  fi
  args="$(jq -cn --arg r "${registry}" '{function: "Admin:InitRegistry", Args: [$r]}')"
  log "init of ${name}: bootstrapping the organization registry"
  if ! out="$(peer chaincode invoke "${ORDERER_FLAGS[@]}" -C "${CHANNEL_NAME}" -n "${name}" "${ENDORSER_FLAGS[@]}" \
    --isInit --waitForEvent -c "${args}" 2>&1)"; then
    grep -q "already bootstrapped" <<<"${out}" || die "init of ${name} failed: ${out}"
    peer chaincode invoke "${ORDERER_FLAGS[@]}" -C "${CHANNEL_NAME}" -n "${name}" "${ENDORSER_FLAGS[@]}" \
      --isInit --waitForEvent -c '{"Args":[]}' 2>>"${LOG_DIR}/cli.log" || die "init of ${name} failed; see ${LOG_DIR}/cli.log"
  fi
}
[[ "${name}" == medchain ]] && init_medchain_registry

log "${name} is deployed: package ${package_id}, server ${address}, TLS ${NETWORK_TLS}"
if [[ "${name}" == kv ]]; then
  log "try: network/invoke.sh --name kv Put k1 v1 && network/query.sh --name kv Get k1"
else
  log "try: network/query.sh --name ${name} org.hyperledger.fabric:GetMetadata"
fi
