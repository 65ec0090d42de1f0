# shellcheck shell=bash
# Shared settings and helpers for the network/ scripts. Source it; don't run it.
#
# Settings (environment variables, all optional except FABRIC_HOME):
#   FABRIC_HOME         an unpacked Fabric 2.5 release: bin/, config/, builders/ccaas/bin/
#   NETWORK_TLS         true|false: TLS on every endpoint (default true)
#   NETWORK_PORT_BASE   first port of the block the network listens on (default 27000)
#   NETWORK_RUN_DIR     state directory (default <repo>/.run/network)
#   CHANNEL_NAME        application channel (default medchain)
#   NETWORK_ANCHOR_PEERS  true|false: put anchor peers in the channel's genesis block (default true;
#                       cross-org discovery, which the Gateway service needs, depends on them)
#   NETWORK_DISCOVERY_TIMEOUT  seconds up.sh and deploy-ccaas.sh wait for every peer's discovery
#                       to show every organization (default 120)

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "${NETWORK_DIR}/.." && pwd)"
export NETWORK_DIR REPO_ROOT

NETWORK_RUN_DIR="${NETWORK_RUN_DIR:-${REPO_ROOT}/.run/network}"
CHANNEL_NAME="${CHANNEL_NAME:-medchain}"

# --- messages ---------------------------------------------------------------

log() { printf '[network] %s\n' "$*" >&2; }
die() { printf '[network] error: %s\n' "$*" >&2; exit 1; }

# --- settings recorded by up.sh ---------------------------------------------
# A running network keeps the TLS mode and ports it was started with; later scripts
# (deploy, invoke, status) read them from network.env so that they can't disagree.

NETWORK_ENV_FILE="${NETWORK_RUN_DIR}/network.env"

load_settings() {
  local requested_tls="${NETWORK_TLS:-}" requested_base="${NETWORK_PORT_BASE:-}"
  if [[ -f "${NETWORK_ENV_FILE}" ]]; then
    # shellcheck source=/dev/null
    source "${NETWORK_ENV_FILE}"
    if [[ -n "${requested_tls}" && "${requested_tls}" != "${NETWORK_TLS}" ]]; then
      die "the network in ${NETWORK_RUN_DIR} runs with NETWORK_TLS=${NETWORK_TLS}, but NETWORK_TLS=${requested_tls} was asked for: run network/down.sh first"
    fi
    if [[ -n "${requested_base}" && "${requested_base}" != "${NETWORK_PORT_BASE}" ]]; then
      die "the network in ${NETWORK_RUN_DIR} runs with NETWORK_PORT_BASE=${NETWORK_PORT_BASE}, but NETWORK_PORT_BASE=${requested_base} was asked for: run network/down.sh first"
    fi
  fi
  NETWORK_TLS="${NETWORK_TLS:-true}"
  NETWORK_PORT_BASE="${NETWORK_PORT_BASE:-27000}"
  NETWORK_ANCHOR_PEERS="${NETWORK_ANCHOR_PEERS:-true}"
  case "${NETWORK_TLS}" in
    true|false) ;;
    *) die "NETWORK_TLS must be true or false, not '${NETWORK_TLS}'" ;;
  esac
  case "${NETWORK_ANCHOR_PEERS}" in
    true|false) ;;
    *) die "NETWORK_ANCHOR_PEERS must be true or false, not '${NETWORK_ANCHOR_PEERS}'" ;;
  esac
  if ! [[ "${NETWORK_PORT_BASE}" =~ ^[0-9]+$ ]] || (( NETWORK_PORT_BASE < 1024 || NETWORK_PORT_BASE > 64000 )); then
    die "NETWORK_PORT_BASE must be a number between 1024 and 64000, not '${NETWORK_PORT_BASE}'"
  fi
  export NETWORK_TLS NETWORK_PORT_BASE NETWORK_ANCHOR_PEERS
  define_layout
}

save_settings() {
  mkdir -p "${NETWORK_RUN_DIR}"
  {
    echo "# written by network/up.sh; removed by network/down.sh"
    echo "NETWORK_TLS=${NETWORK_TLS}"
    echo "NETWORK_PORT_BASE=${NETWORK_PORT_BASE}"
    echo "NETWORK_ANCHOR_PEERS=${NETWORK_ANCHOR_PEERS}"
    echo "CHANNEL_NAME=${CHANNEL_NAME}"
  } >"${NETWORK_ENV_FILE}"
}

# --- Fabric release -----------------------------------------------------------

require_fabric() {
  if [[ -z "${FABRIC_HOME:-}" ]]; then
    die "FABRIC_HOME is not set: point it at an unpacked Fabric 2.5 release (bin/, config/, builders/ccaas/bin/)"
  fi
  [[ -d "${FABRIC_HOME}" ]] || die "FABRIC_HOME=${FABRIC_HOME} is not a directory: point it at an unpacked Fabric 2.5 release (bin/, config/, builders/ccaas/bin/)"
  FABRIC_HOME="$(cd "${FABRIC_HOME}" && pwd)"
  local tool
  for tool in peer orderer configtxgen cryptogen osnadmin discover; do
    [[ -x "${FABRIC_HOME}/bin/${tool}" ]] || die "${FABRIC_HOME}/bin/${tool} is missing or not executable: FABRIC_HOME must be an unpacked Fabric 2.5 release"
  done
  for tool in core.yaml orderer.yaml; do
    [[ -f "${FABRIC_HOME}/config/${tool}" ]] || die "${FABRIC_HOME}/config/${tool} is missing: FABRIC_HOME must be an unpacked Fabric 2.5 release"
  done
  for tool in detect build release; do
    [[ -x "${FABRIC_HOME}/builders/ccaas/bin/${tool}" ]] || die "${FABRIC_HOME}/builders/ccaas/bin/${tool} is missing: the chaincode-as-a-service builder ships with Fabric >= 2.4 releases"
  done
  export FABRIC_HOME
  export PATH="${FABRIC_HOME}/bin:${PATH}"
  # core.yaml and orderer.yaml come from the release unchanged; everything specific to this
  # network is set through CORE_* / ORDERER_* environment variables.
  export FABRIC_CFG_PATH="${FABRIC_HOME}/config"
}

# --- layout: organizations, hosts, ports ------------------------------------------

# shellcheck disable=SC2034 # the layout variables are used by the scripts that source this file
define_layout() {
  CRYPTO_DIR="${NETWORK_RUN_DIR}/crypto-config"
  ARTIFACTS_DIR="${NETWORK_RUN_DIR}/channel-artifacts"
  LOG_DIR="${NETWORK_RUN_DIR}/logs"
  PID_DIR="${NETWORK_RUN_DIR}/pids"
  CC_RUN_DIR="${NETWORK_RUN_DIR}/chaincode"
  GENESIS_BLOCK="${ARTIFACTS_DIR}/${CHANNEL_NAME}.block"

  ORDERER_DOMAIN="medchain.local"
  ORDERER_HOST="orderer.${ORDERER_DOMAIN}"
  ORDERER_DIR="${CRYPTO_DIR}/ordererOrganizations/${ORDERER_DOMAIN}/orderers/${ORDERER_HOST}"
  ORDERER_TLS_CA="${ORDERER_DIR}/tls/ca.crt"
  ORDERER_PORT=$((NETWORK_PORT_BASE + 50))
  ORDERER_ADMIN_PORT=$((NETWORK_PORT_BASE + 53))
  ORDERER_OPS_PORT=$((NETWORK_PORT_BASE + 55))
  # Raft always talks TLS between orderers; with NETWORK_TLS=false it gets its own TLS listener.
  ORDERER_CLUSTER_PORT=$((NETWORK_PORT_BASE + 56))
  ORDERER_ADDRESS="127.0.0.1:${ORDERER_PORT}"
  ORDERER_ADMIN_ADDRESS="127.0.0.1:${ORDERER_ADMIN_PORT}"
  # Not exported: the orderer reads ORDERER_* variables from its environment.
}

# Peer organizations: 1 = hospital (Org1MSP), 2 = pharmacy (Org2MSP); one peer each.
# Organization 3 (Org3MSP) is the regulator: in the channel, without a peer.
ORGS=(1 2)

org_msp() { echo "Org${1}MSP"; }
org_name() { case "$1" in 1) echo hospital ;; 2) echo pharmacy ;; 3) echo regulator ;; *) die "unknown organization '$1' (use 1, 2 or 3)" ;; esac; }
org_domain() { echo "$(org_name "$1").medchain.local"; }
org_dir() { echo "${CRYPTO_DIR}/peerOrganizations/$(org_domain "$1")"; }
peer_host() { echo "peer0.$(org_domain "$1")"; }
peer_dir() { echo "$(org_dir "$1")/peers/$(peer_host "$1")"; }
peer_port() { echo $((NETWORK_PORT_BASE + 100 * $1 + 51)); }
peer_cc_port() { echo $((NETWORK_PORT_BASE + 100 * $1 + 52)); }
peer_ops_port() { echo $((NETWORK_PORT_BASE + 100 * $1 + 55)); }
peer_address() { echo "127.0.0.1:$(peer_port "$1")"; }
peer_tls_ca() { echo "$(peer_dir "$1")/tls/ca.crt"; }
org_admin_msp() { echo "$(org_dir "$1")/users/Admin@$(org_domain "$1")/msp"; }
org_tlsca_dir() { echo "$(org_dir "$1")/tlsca"; }

# Points the peer CLI at organization $1's peer, as that organization's admin.
use_org() {
  local org="$1"
  export CORE_PEER_LOCALMSPID
  CORE_PEER_LOCALMSPID="$(org_msp "${org}")"
  export CORE_PEER_MSPCONFIGPATH
  CORE_PEER_MSPCONFIGPATH="$(org_admin_msp "${org}")"
  export CORE_PEER_ADDRESS
  CORE_PEER_ADDRESS="$(peer_address "${org}")"
  export CORE_PEER_TLS_ENABLED="${NETWORK_TLS}"
  if [[ "${NETWORK_TLS}" == true ]]; then
    export CORE_PEER_TLS_ROOTCERT_FILE
    CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "${org}")"
  else
    unset CORE_PEER_TLS_ROOTCERT_FILE
  fi
}

# Flags the peer CLI needs to reach the orderer.
orderer_flags() {
  ORDERER_FLAGS=(-o "${ORDERER_ADDRESS}")
  if [[ "${NETWORK_TLS}" == true ]]; then
    ORDERER_FLAGS+=(--tls --cafile "${ORDERER_TLS_CA}" --ordererTLSHostnameOverride "${ORDERER_HOST}")
  fi
}

# Flags that send a transaction to the peers of organizations $@ (default: both, which the
# default MAJORITY policy of two organizations needs).
endorser_flags() {
  ENDORSER_FLAGS=()
  local org
  local -a orgs=("$@")
  (( ${#orgs[@]} > 0 )) || orgs=("${ORGS[@]}")
  for org in "${orgs[@]}"; do
    ENDORSER_FLAGS+=(--peerAddresses "$(peer_address "${org}")")
    if [[ "${NETWORK_TLS}" == true ]]; then
      ENDORSER_FLAGS+=(--tlsRootCertFiles "$(peer_tls_ca "${org}")")
    fi
  done
}

# --- discovery ------------------------------------------------------------------
# The Gateway service plans endorsements from the peer's discovery view, which gossip fills in
# some seconds after start (membership) or after a deployment (installed chaincodes). Scripts
# wait on that view with the discover CLI instead of guessing a delay.

# discover_as_admin ORG COMMAND [FLAGS...]: runs `discover COMMAND` against organization ORG's
# peer as its admin, on the channel; prints the JSON answer.
discover_as_admin() {
  local org="$1" command="$2"
  shift 2
  local admin
  admin="$(org_dir "${org}")/users/Admin@$(org_domain "${org}")/msp"
  local -a flags=(--MSP "$(org_msp "${org}")" --userCert "$(ls "${admin}"/signcerts/*.pem)"
    --userKey "$(ls "${admin}"/keystore/*)" --server "$(peer_address "${org}")" --channel "${CHANNEL_NAME}")
  # Without --peerTLSCA the CLI speaks plain gRPC.
  [[ "${NETWORK_TLS}" != true ]] || flags+=(--peerTLSCA "$(peer_tls_ca "${org}")")
  discover "${command}" "${flags[@]}" "$@" 2>>"${LOG_DIR}/cli.log"
}

# sees_all_orgs ORG COMMAND [FLAGS...]: true if the discovery answer of ORG's peer names the
# MSP ids of every organization with peers.
sees_all_orgs() {
  local out other
  out="$(discover_as_admin "$@")" || return 1
  for other in "${ORGS[@]}"; do
    grep -q "\"$(org_msp "${other}")\"" <<<"${out}" || return 1
  done
}

# wait_for_discovery WHAT SECONDS COMMAND [FLAGS...]: waits until every peer's discovery answer
# to COMMAND names every organization; WHAT says what is waited for in the error.
wait_for_discovery() {
  local what="$1" seconds="$2" org
  shift 2
  if [[ "${NETWORK_ANCHOR_PEERS}" != true ]]; then
    log "NETWORK_ANCHOR_PEERS=false: peers never learn of the other organization's; not waiting to ${what}"
    return 0
  fi
  local deadline=$((SECONDS + seconds))
  for org in "${ORGS[@]}"; do
    while true; do
      sees_all_orgs "${org}" "$@" && break
      (( SECONDS < deadline )) || die "$(peer_host "${org}") does not ${what} through discovery after ${seconds} s; see ${LOG_DIR}/$(peer_host "${org}").log and ${LOG_DIR}/cli.log"
      sleep 1
    done
  done
}

# --- processes ------------------------------------------------------------------

pid_file() { echo "${PID_DIR}/$1.pid"; }

# Prints the pid of process $1 if its pid file names a live process, else nothing.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "${file}" ]] || return 0
  local program=""
  { read -r pid; read -r program || true; } <"${file}"
  [[ "${pid}" =~ ^[0-9]+$ ]] && kill -0 "${pid}" 2>/dev/null || return 0
  # A pid file that outlived its process (e.g. a reboot) may name an unrelated process now.
  if [[ -n "${program}" && -r "/proc/${pid}/cmdline" ]] && ! tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -qF "${program}"; then
    return 0
  fi
  echo "${pid}"
}

# start_process NAME COMMAND...: starts COMMAND detached, output to logs/NAME.log.
# Every descriptor is redirected so that a caller reading our output isn't held open.
start_process() {
  local name="$1"
  shift
  mkdir -p "${LOG_DIR}" "${PID_DIR}"
  local pid
  pid="$(running_pid "${name}")"
  if [[ -n "${pid}" ]]; then
    log "${name} is already running (pid ${pid})"
    return 0
  fi
  # nohup execs the command (so $! is its pid) and keeps it alive when the terminal goes.
  nohup "$@" </dev/null >>"${LOG_DIR}/${name}.log" 2>&1 &
  # Second line: the program, so that running_pid can tell it from a recycled pid.
  local arg program=""
  for arg in "$@"; do
    [[ "${arg}" == env || "${arg}" == *=* ]] && continue
    program="$(basename "${arg}")"
    break
  done
  local pid=$! i
  # Until the fork has exec'd, /proc/<pid>/cmdline is still this shell's and running_pid would
  # take the process for a recycled pid, i.e. for one that exited during start-up: wait for the exec.
  for ((i = 0; i < 100; i++)); do
    kill -0 "${pid}" 2>/dev/null || break
    tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -qF "${program}" && break
    sleep 0.05
  done
  printf '%s\n%s\n' "${pid}" "${program}" >"$(pid_file "${name}")"
  log "started ${name} (pid ${pid}, log ${LOG_DIR}/${name}.log)"
}

# stop_process NAME: TERM, then KILL after 10 s; removes the pid file.
stop_process() {
  local name="$1" pid i
  pid="$(running_pid "${name}")"
  if [[ -n "${pid}" ]]; then
    kill -TERM "${pid}" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "${pid}" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "${pid}" 2>/dev/null; then
      log "${name} (pid ${pid}) ignored TERM; killing it"
      kill -KILL "${pid}" 2>/dev/null || true
    fi
    log "stopped ${name} (pid ${pid})"
  fi
  rm -f "$(pid_file "${name}")"
}

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# require_free_ports NAME PORT...: unless NAME is running already, dies if another process holds
# one of its ports (e.g. another network on the same NETWORK_PORT_BASE): waiting for the port
# would otherwise take that process for ours, or ours would exit at once.
require_free_ports() {
  local name="$1" port
  shift
  [[ -z "$(running_pid "${name}")" ]] || return 0
  for port in "$@"; do
    if port_open "${port}"; then
      die "127.0.0.1:${port}, a port of ${name}, is taken by another process (another network on NETWORK_PORT_BASE=${NETWORK_PORT_BASE}?): stop it or choose another NETWORK_PORT_BASE"
    fi
  done
}

# wait_for_port NAME PORT [SECONDS]: waits until the process NAME listens on PORT.
wait_for_port() {
  local name="$1" port="$2" seconds="${3:-60}" i
  for ((i = 0; i < seconds * 4; i++)); do
    if port_open "${port}"; then
      return 0
    fi
    if [[ -z "$(running_pid "${name}")" ]]; then
      tail -n 30 "${LOG_DIR}/${name}.log" >&2 || true
      die "${name} exited during start-up; its log is ${LOG_DIR}/${name}.log (last lines above)"
    fi
    sleep 0.25
  done
  die "${name} did not listen on 127.0.0.1:${port} within ${seconds} s; see ${LOG_DIR}/${name}.log"
}

# retry N DELAY COMMAND...: runs COMMAND until it succeeds, at most N times.
retry() {
  local attempts="$1" delay="$2" i
  shift 2
  for ((i = 1; i <= attempts; i++)); do
    if "$@"; then
      return 0
    fi
    (( i < attempts )) && sleep "${delay}"
  done
  return 1
}

# --- chaincode ------------------------------------------------------------------

# Known chaincodes: name -> project, default port offset.
cc_project() {
  case "$1" in
    medchain) echo "${REPO_ROOT}/chaincode/Chaincode/MedChain.Chaincode.csproj" ;;
    kv) echo "${REPO_ROOT}/chaincode/samples/KeyValue/MedChain.Samples.KeyValue.csproj" ;;
    *) echo "" ;;
  esac
}
cc_default_port() {
  case "$1" in
    medchain) echo $((NETWORK_PORT_BASE + 901)) ;;
    kv) echo $((NETWORK_PORT_BASE + 902)) ;;
    *) echo $((NETWORK_PORT_BASE + 903)) ;;
  esac
}

# json_string TEXT: TEXT as a JSON string literal (PEM blocks included).
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\r'/}"
  s="${s//$'\n'/\\n}"
  s="${s//$'\t'/\\t}"
  printf '"%s"' "${s}"
}
