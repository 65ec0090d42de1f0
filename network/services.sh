#!/usr/bin/env bash
# MedChain's HTTP services for `make run`: one FabricGateway process per organization on fixed ports
# (hospital Org1MSP :27081, pharmacy Org2MSP :27082, regulator Org3MSP :27083), their keys and settings
# under .run/services, and .run/run.json, which `make demo` and `make token` read.
#
#   network/services.sh start fabric     # against the network of up.sh/deploy-ccaas.sh (.run/network)
#   network/services.sh start embedded   # no Fabric: first the embedded ledger server (src/EmbeddedLedger.Server,
#                                        # a peer's Gateway on 127.0.0.1:27051, block log in .run/ledger), then the
#                                        # services against it as against a peer
#   network/services.sh stop | status
#
# Generated once and kept (a re-run reuses them): each organization's record encryption key pair, the
# development token-signing key the services trust (`make token USER=...` signs with it), Data Protection keys,
# and (embedded ledger) each organization's development CA.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

SERVICES_DIR="${REPO_ROOT}/.run/services"
# The services' pid files and logs; set again after define_layout, which points both at the network's.
use_services_dirs() {
  PID_DIR="${SERVICES_DIR}/pids"
  LOG_DIR="${SERVICES_DIR}/logs"
}
use_services_dirs
RUN_FILE="${REPO_ROOT}/.run/run.json"
SERVICES_PORT_BASE="${SERVICES_PORT_BASE:-27080}"
AZURITE_PORT="${AZURITE_PORT:-10000}"
LEDGER_PORT="${LEDGER_PORT:-27051}"
LEDGER_DIR="${REPO_ROOT}/.run/ledger"
# The organization registry the embedded ledger's chaincode init bootstraps (the one deploy-ccaas.sh gives Fabric).
LEDGER_REGISTRY="$(<"${NETWORK_DIR}/config/registry.json")"
CONFIG="${CONFIG:-Release}"
TOKEN_ISSUER="https://idp.medchain.local/dev"
TOKEN_AUDIENCE="medchain-gateway"
# Azurite's well-known development account (public, documented by Azure; not a secret).
AZURITE_ACCOUNT="devstoreaccount1"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# Organization: name, MSP id, port offset, the peer (organization number) whose Gateway it uses.
# The regulator (Org3MSP) has no peer: its service signs as Org3MSP identities through the hospital's peer.
SERVICE_NAMES=(hospital pharmacy regulator)
svc_msp() { case "$1" in hospital) echo Org1MSP ;; pharmacy) echo Org2MSP ;; regulator) echo Org3MSP ;; esac; }
svc_org() { case "$1" in hospital) echo 1 ;; pharmacy) echo 2 ;; regulator) echo 3 ;; esac; }
svc_peer_org() { case "$1" in hospital) echo 1 ;; pharmacy) echo 2 ;; regulator) echo 1 ;; esac; }
svc_port() { echo $((SERVICES_PORT_BASE + $(svc_org "$1"))); }
svc_url() { echo "http://127.0.0.1:$(svc_port "$1")"; }

# --- keys and settings, generated once -----------------------------------------------------------------

ec_key() { # ec_key PRIVATE PUBLIC: an EC P-256 key pair (PKCS#8 and SPKI PEM) unless it exists
  [[ -f "$1" && -f "$2" ]] && return 0
  command -v openssl >/dev/null || die "openssl is needed to generate the services' keys"
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null)
  openssl pkey -in "$1" -pubout -out "$2" 2>/dev/null
}

prepare_keys() {
  mkdir -p "${SERVICES_DIR}/keys" "${SERVICES_DIR}/org-keys"
  ec_key "${SERVICES_DIR}/keys/token-signing-key.pem" "${SERVICES_DIR}/keys/token-signing-public.pem"
  local name
  for name in "${SERVICE_NAMES[@]}"; do
    ec_key "${SERVICES_DIR}/keys/${name}-encryption-key.pem" "${SERVICES_DIR}/org-keys/$(svc_msp "${name}").pem"
  done
}

# service_env NAME MODE: the service's settings as environment variables (ASP.NET Core's Section__Key form).
service_env() {
  local name="$1" mode="$2" dir="${SERVICES_DIR}/${name}"
  local keys="${dir}/org-keys"
  mkdir -p "${dir}" "${keys}"
  # Every other organization's public encryption key: whom this one may grant record keys to.
  find "${keys}" -name '*.pem' -delete
  local other
  for other in "${SERVICE_NAMES[@]}"; do
    [[ "${other}" == "${name}" ]] || cp "${SERVICES_DIR}/org-keys/$(svc_msp "${other}").pem" "${keys}/"
  done
  SERVICE_ENV=(
    ASPNETCORE_ENVIRONMENT=Development
    ASPNETCORE_URLS="$(svc_url "${name}")"
    Fabric__MspId="$(svc_msp "${name}")"
    Fabric__Channel=medchain
    Fabric__Chaincode=medchain
    Fabric__CommitStatusTimeout=00:02:00
    Storage__ServiceUri="http://127.0.0.1:${AZURITE_PORT}/${AZURITE_ACCOUNT}"
    Storage__AccountName="${AZURITE_ACCOUNT}"
    Storage__AccountKey="${AZURITE_KEY}"
    Encryption__PrivateKeyPath="${SERVICES_DIR}/keys/${name}-encryption-key.pem"
    # Break-glass reasons are encrypted for the regulator too (its public key is among the org keys above).
    Emergency__RegulatorMspId="$(svc_msp regulator)"
    Encryption__OrganizationKeysPath="${keys}"
    Enrollment__IdentitiesContainer="identities-${name}"
    DataProtection__KeysPath="${dir}/data-protection-keys"
    PendingWork__Directory="${dir}/pending-work"
    Authentication__Issuer="${TOKEN_ISSUER}"
    Authentication__Audience="${TOKEN_AUDIENCE}"
    Authentication__IssuerSigningKeyPath="${SERVICES_DIR}/keys/token-signing-public.pem"
  )
  if [[ "${mode}" == fabric ]]; then
    # Each caller is enrolled as themself from the organization's CA key (cryptogen's CA; Enrollment:Mode=FabricCa in production).
    local ca_dir peer_org
    ca_dir="$(org_dir "$(svc_org "${name}")")/ca"
    peer_org="$(svc_peer_org "${name}")"
    SERVICE_ENV+=(
      Ledger__Mode=Fabric
      Fabric__Endpoint="$([[ "${NETWORK_TLS}" == true ]] && echo https || echo http)://$(peer_address "${peer_org}")"
      Enrollment__Mode=CertificateAuthorityKey
      Enrollment__CaCertificatePath="$(ls "${ca_dir}"/*-cert.pem)"
      Enrollment__CaPrivateKeyPath="${ca_dir}/priv_sk"
    )
    [[ "${NETWORK_TLS}" != true ]] || SERVICE_ENV+=(Fabric__TlsRootCertificatePath="$(peer_tls_ca "${peer_org}")")
  else
    # The embedded ledger server stands in for the peer (plain gRPC); each organization's development CA enrols
    # its callers, and the server trusts the same CA certificates.
    local ca="${SERVICES_DIR}/ca/$(svc_msp "${name}")"
    SERVICE_ENV+=(
      Ledger__Mode=Fabric
      Fabric__Endpoint="http://127.0.0.1:${LEDGER_PORT}"
      Enrollment__Mode=CertificateAuthorityKey
      Enrollment__CaCertificatePath="${ca}/ca-cert.pem"
      Enrollment__CaPrivateKeyPath="${ca}/ca-key.pem"
    )
  fi
}

# start_ledger: the embedded ledger server (one node holding every organization's data, for a single-machine
# trial), listening once its block log is replayed and the registry bootstrapped.
start_ledger() {
  local assembly="${REPO_ROOT}/src/EmbeddedLedger.Server/bin/${CONFIG}/net10.0/MedChain.EmbeddedLedger.Server.dll"
  [[ -f "${assembly}" ]] || die "${assembly} is missing: run make build (CONFIG=${CONFIG})"
  local name msp
  local -a settings=(
    EmbeddedLedger__DataDirectory="${LEDGER_DIR}"
    EmbeddedLedger__Port="${LEDGER_PORT}"
    EmbeddedLedger__MspId="$(svc_msp hospital)"
    EmbeddedLedger__CaPrivateKeyPath="${SERVICES_DIR}/ca/$(svc_msp hospital)/ca-key.pem"
    EmbeddedLedger__Registry="${LEDGER_REGISTRY}"
  )
  for name in "${SERVICE_NAMES[@]}"; do
    msp="$(svc_msp "${name}")"
    dev_ca "${SERVICES_DIR}/ca/${msp}" "${msp}"
    settings+=(EmbeddedLedger__Organizations__"${msp}"="${SERVICES_DIR}/ca/${msp}/ca-cert.pem")
  done
  require_free_ports embedded-ledger "${LEDGER_PORT}"
  start_process embedded-ledger env "${settings[@]}" dotnet "${assembly}"
  log "waiting for the embedded ledger (127.0.0.1:${LEDGER_PORT}; it listens once its block log is replayed)"
  wait_for_port embedded-ledger "${LEDGER_PORT}" 120
  log "embedded ledger serving the Gateway on 127.0.0.1:${LEDGER_PORT}, block log in ${LEDGER_DIR}"
}

# dev_ca DIR NAME: a self-signed EC P-256 CA for an organization of the embedded ledger, once.
dev_ca() {
  [[ -f "$1/ca-cert.pem" ]] && return 0
  mkdir -p "$1"
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1/ca-key.pem" 2>/dev/null)
  openssl req -new -x509 -key "$1/ca-key.pem" -subj "/O=$2/CN=ca.$2" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$1/ca-cert.pem" 2>/dev/null
}

write_run_file() {
  local mode="$1"
  jq -n --arg mode "${mode}" \
    --arg hospital "$(svc_url hospital)" --arg pharmacy "$(svc_url pharmacy)" --arg regulator "$(svc_url regulator)" \
    --arg issuer "${TOKEN_ISSUER}" --arg audience "${TOKEN_AUDIENCE}" --arg key "${SERVICES_DIR}/keys/token-signing-key.pem" \
    --arg blob "http://127.0.0.1:${AZURITE_PORT}/${AZURITE_ACCOUNT}" --arg account "${AZURITE_ACCOUNT}" --arg accountKey "${AZURITE_KEY}" \
    '{ledgerMode: $mode,
      services: {hospital: {url: $hospital, mspId: "Org1MSP"}, pharmacy: {url: $pharmacy, mspId: "Org2MSP"}, regulator: {url: $regulator, mspId: "Org3MSP"}},
      tokens: {issuer: $issuer, audience: $audience, signingKeyPath: $key},
      storage: {serviceUri: $blob, accountName: $account, accountKey: $accountKey, recordsContainer: "medchain-records"}}' >"${RUN_FILE}"
}

# ready URL: the service's readiness check (/health/ready) answers 200.
ready() {
  curl -fsS -o /dev/null --max-time 5 "$1/health/ready" 2>/dev/null
}

start_services() {
  local mode="$1" name
  case "${mode}" in
    fabric) require_fabric; load_settings ;;
    embedded) NETWORK_PORT_BASE="${NETWORK_PORT_BASE:-27000}"; define_layout ;;
    *) die "usage: network/services.sh start fabric|embedded" ;;
  esac
  use_services_dirs
  command -v jq >/dev/null || die "jq is needed"
  local assembly="${REPO_ROOT}/src/FabricGateway/bin/${CONFIG}/net10.0/MedChain.FabricGateway.dll"
  [[ -f "${assembly}" ]] || die "${assembly} is missing: run make build (CONFIG=${CONFIG})"
  # A service started for the other ledger mode must not be taken for this one's.
  if [[ -f "${SERVICES_DIR}/mode" && "$(cat "${SERVICES_DIR}/mode")" != "${mode}" ]]; then
    log "the services ran with the $(cat "${SERVICES_DIR}/mode") ledger: restarting them with the ${mode} one"
    stop_services
  fi
  prepare_keys
  echo "${mode}" >"${SERVICES_DIR}/mode"
  [[ "${mode}" != embedded ]] || start_ledger
  for name in "${SERVICE_NAMES[@]}"; do
    require_free_ports "gateway-${name}" "$(svc_port "${name}")"
    service_env "${name}" "${mode}"
    start_process "gateway-${name}" env "${SERVICE_ENV[@]}" dotnet "${assembly}"
  done
  write_run_file "${mode}"
  for name in "${SERVICE_NAMES[@]}"; do
    log "waiting for the ${name} service's readiness check ($(svc_url "${name}"))"
    local deadline=$((SECONDS + 120))
    until ready "$(svc_url "${name}")"; do
      if [[ -z "$(running_pid "gateway-${name}")" ]]; then
        tail -n 30 "${LOG_DIR}/gateway-${name}.log" >&2 || true
        die "the ${name} service exited during start-up; its log is ${LOG_DIR}/gateway-${name}.log (last lines above)"
      fi
      (( SECONDS < deadline )) || die "the ${name} service is not ready after 120 s; see ${LOG_DIR}/gateway-${name}.log"
      printf '.' >&2
      sleep 1
    done
    log "${name} service ready on $(svc_url "${name}")"
  done
}

stop_services() {
  local name
  for name in "${SERVICE_NAMES[@]}"; do
    stop_process "gateway-${name}"
  done
  # The ledger last: the services may still be finishing a call.
  stop_process embedded-ledger
  # Nothing to call any more: make demo and make token say "make run first".
  rm -f "${RUN_FILE}"
}

case "${1:-}" in
  start) start_services "${2:-}" ;;
  stop) stop_services ;;
  status)
    for name in "${SERVICE_NAMES[@]}"; do
      pid="$(running_pid "gateway-${name}")"
      echo "${name}: $([[ -n "${pid}" ]] && echo "running (pid ${pid}) on $(svc_url "${name}")" || echo stopped)"
    done
    pid="$(running_pid embedded-ledger)"
    [[ -z "${pid}" ]] || echo "embedded ledger: running (pid ${pid}) on 127.0.0.1:${LEDGER_PORT}"
    ;;
  *) die "usage: network/services.sh start fabric|embedded | stop | status" ;;
esac
