#!/usr/bin/env bash
# Stands up the local MedChain Fabric network from an unpacked Fabric 2.5 release:
# one Raft orderer (OrdererMSP) and one peer for each of Org1MSP (hospital) and
# Org2MSP (pharmacy), all on 127.0.0.1, joined to the channel "medchain".
#
#   FABRIC_HOME=/opt/fabric-2.5.4 network/up.sh
#   NETWORK_TLS=false network/up.sh      # plain gRPC everywhere (Raft keeps its own TLS listener)
#
# Safe to run again: a running network is left alone, stopped processes are restarted
# on their existing state. Settings: see network/lib/common.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

require_fabric
load_settings

# --- crypto material and the channel's genesis block --------------------------------

generate_crypto() {
  if [[ -d "${CRYPTO_DIR}" ]]; then
    log "crypto material exists (${CRYPTO_DIR})"
    return 0
  fi
  log "generating crypto material with cryptogen"
  cryptogen generate --config="${NETWORK_DIR}/config/crypto-config.yaml" --output="${CRYPTO_DIR}" >/dev/null
}

anchor_peers_yaml() {
  local org="$1"
  if [[ "${NETWORK_ANCHOR_PEERS}" == true ]]; then
    printf '    AnchorPeers:\n      - Host: 127.0.0.1\n        Port: %s\n' "$(peer_port "${org}")"
  fi
}

# channel_msps_without_tls DIR: copies every organization's MSP folder under DIR (same layout as
# cryptogen's output) without tlscacerts/. A peer's Gateway dials the endorsers and orderers of
# an organization with TLS whenever its channel MSP has TLS roots, and a plaintext peer has no
# client certificate for that, so the plaintext channel must carry none.
channel_msps_without_tls() {
  local root="$1" msp target
  rm -rf "${root}"
  for msp in "${CRYPTO_DIR}/ordererOrganizations/${ORDERER_DOMAIN}/msp" "${CRYPTO_DIR}"/peerOrganizations/*/msp; do
    target="${root}/${msp#"${CRYPTO_DIR}/"}"
    mkdir -p "$(dirname "${target}")"
    cp -r "${msp}" "${target}"
    rm -rf "${target}/tlscacerts" "${target}/tlsintermediatecerts"
  done
}

# raft_tls_org_yaml DIR: the RaftTLSMSP organization of the plaintext channel. Raft verifies its
# consenter's certificate against the orderer organizations' TLS roots; this organization
# carries the orderer's TLS CA without endpoints (so nothing dials it) and defers to OrdererMSP.
raft_tls_org_yaml() {
  local msp="$1/raft-tls/msp"
  mkdir -p "${msp}/cacerts" "${msp}/tlscacerts"
  cp "${ORDERER_TLS_CA}" "${msp}/cacerts/ca.pem"
  cp "${ORDERER_TLS_CA}" "${msp}/tlscacerts/ca.pem"
  # An MSP needs a way to tell admins; nobody holds a certificate of this one anyway.
  printf '%s\n' "NodeOUs:" "  Enable: true" \
    "  ClientOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: client}" \
    "  PeerOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: peer}" \
    "  AdminOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: admin}" \
    "  OrdererOUIdentifier: {Certificate: cacerts/ca.pem, OrganizationalUnitIdentifier: orderer}" >"${msp}/config.yaml"
  printf '%s\n' \
    "  - &RaftTLSOrg" \
    "    Name: RaftTLSMSP" \
    "    ID: RaftTLSMSP" \
    "    MSPDir: ${msp}" \
    "    Policies:" \
    "      Readers:" \
    "        Type: Signature" \
    "        Rule: \"OR('OrdererMSP.member')\"" \
    "      Writers:" \
    "        Type: Signature" \
    "        Rule: \"OR('OrdererMSP.member')\"" \
    "      Admins:" \
    "        Type: Signature" \
    "        Rule: \"OR('OrdererMSP.admin')\""
}

generate_genesis_block() {
  if [[ -f "${GENESIS_BLOCK}" ]]; then
    log "channel genesis block exists (${GENESIS_BLOCK})"
    return 0
  fi
  local cluster_port="${ORDERER_PORT}"
  [[ "${NETWORK_TLS}" == true ]] || cluster_port="${ORDERER_CLUSTER_PORT}"
  local config_dir="${NETWORK_RUN_DIR}/configtx"
  mkdir -p "${config_dir}" "${ARTIFACTS_DIR}"
  local msp_root="${CRYPTO_DIR}" raft_tls_org="" raft_tls_org_ref=""
  if [[ "${NETWORK_TLS}" == false ]]; then
    msp_root="${config_dir}/msp"
    channel_msps_without_tls "${msp_root}"
    raft_tls_org="$(raft_tls_org_yaml "${msp_root}")"
    raft_tls_org_ref="        - *RaftTLSOrg"
  fi
  local template line
  template="$(cat "${NETWORK_DIR}/config/configtx.yaml.in")"
  template="${template//@CRYPTO_DIR@/"${CRYPTO_DIR}"}"
  template="${template//@MSP_ROOT@/"${msp_root}"}"
  template="${template//@RAFT_TLS_ORG@/"${raft_tls_org}"}"
  template="${template//@RAFT_TLS_ORG_REF@/"${raft_tls_org_ref}"}"
  template="${template//@ORDERER_PORT@/"${ORDERER_PORT}"}"
  template="${template//@ORDERER_CLUSTER_ENDPOINT_PORT@/"${cluster_port}"}"
  template="${template//@ORG1_ANCHOR_PEERS@/"$(anchor_peers_yaml 1)"}"
  template="${template//@ORG2_ANCHOR_PEERS@/"$(anchor_peers_yaml 2)"}"
  printf '%s\n' "${template}" >"${config_dir}/configtx.yaml"
  while IFS= read -r line; do
    [[ ! "${line}" =~ @[A-Z0-9_]+@ ]] || die "unrendered placeholder in configtx.yaml: ${line}"
  done <"${config_dir}/configtx.yaml"
  log "creating the genesis block of channel ${CHANNEL_NAME}"
  FABRIC_CFG_PATH="${config_dir}" configtxgen -profile MedChainChannel -channelID "${CHANNEL_NAME}" \
    -outputBlock "${GENESIS_BLOCK}" 2>"${NETWORK_RUN_DIR}/configtxgen.log" \
    || { cat "${NETWORK_RUN_DIR}/configtxgen.log" >&2; die "configtxgen failed"; }
}

# --- processes ----------------------------------------------------------------------

start_orderer() {
  local data="${NETWORK_RUN_DIR}/orderer"
  mkdir -p "${data}"
  local -a env=(
    FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}"
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
    ORDERER_GENERAL_LISTENPORT="${ORDERER_PORT}"
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP
    ORDERER_GENERAL_LOCALMSPDIR="${ORDERER_DIR}/msp"
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none
    ORDERER_CHANNELPARTICIPATION_ENABLED=true
    ORDERER_FILELEDGER_LOCATION="${data}/ledger"
    ORDERER_CONSENSUS_WALDIR="${data}/etcdraft/wal"
    ORDERER_CONSENSUS_SNAPDIR="${data}/etcdraft/snapshot"
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:${ORDERER_OPS_PORT}"
    ORDERER_ADMIN_LISTENADDRESS="${ORDERER_ADMIN_ADDRESS}"
    ORDERER_GENERAL_TLS_ENABLED="${NETWORK_TLS}"
    ORDERER_ADMIN_TLS_ENABLED="${NETWORK_TLS}"
    # The cluster (Raft) client always uses the orderer's TLS pair; cryptogen makes it
    # valid for client and server authentication.
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="${ORDERER_DIR}/tls/server.crt"
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="${ORDERER_DIR}/tls/server.key"
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[${ORDERER_TLS_CA}]"
  )
  if [[ "${NETWORK_TLS}" == true ]]; then
    env+=(
      ORDERER_GENERAL_TLS_PRIVATEKEY="${ORDERER_DIR}/tls/server.key"
      ORDERER_GENERAL_TLS_CERTIFICATE="${ORDERER_DIR}/tls/server.crt"
      ORDERER_GENERAL_TLS_ROOTCAS="[${ORDERER_TLS_CA}]"
      ORDERER_ADMIN_TLS_PRIVATEKEY="${ORDERER_DIR}/tls/server.key"
      ORDERER_ADMIN_TLS_CERTIFICATE="${ORDERER_DIR}/tls/server.crt"
      ORDERER_ADMIN_TLS_ROOTCAS="[${ORDERER_TLS_CA}]"
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
      ORDERER_ADMIN_TLS_CLIENTROOTCAS="[${ORDERER_TLS_CA}]"
    )
  else
    # Raft refuses to run without TLS, so it gets a listener of its own that has it.
    env+=(
      ORDERER_GENERAL_CLUSTER_LISTENADDRESS=127.0.0.1
      ORDERER_GENERAL_CLUSTER_LISTENPORT="${ORDERER_CLUSTER_PORT}"
      ORDERER_GENERAL_CLUSTER_SERVERCERTIFICATE="${ORDERER_DIR}/tls/server.crt"
      ORDERER_GENERAL_CLUSTER_SERVERPRIVATEKEY="${ORDERER_DIR}/tls/server.key"
    )
  fi
  local -a ports=("${ORDERER_PORT}" "${ORDERER_ADMIN_PORT}" "${ORDERER_OPS_PORT}")
  [[ "${NETWORK_TLS}" == true ]] || ports+=("${ORDERER_CLUSTER_PORT}")
  require_free_ports orderer "${ports[@]}"
  start_process orderer env "${env[@]}" "${FABRIC_HOME}/bin/orderer"
}

start_peer() {
  local org="$1"
  local name
  name="$(peer_host "${org}")"
  local data="${NETWORK_RUN_DIR}/${name}"
  mkdir -p "${data}"
  local -a env=(
    FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}"
    CORE_PEER_ID="${name}"
    CORE_PEER_LOCALMSPID="$(org_msp "${org}")"
    CORE_PEER_MSPCONFIGPATH="$(peer_dir "${org}")/msp"
    CORE_PEER_ADDRESS="$(peer_address "${org}")"
    CORE_PEER_LISTENADDRESS="$(peer_address "${org}")"
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$(peer_cc_port "${org}")"
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$(peer_cc_port "${org}")"
    CORE_PEER_GOSSIP_BOOTSTRAP="$(peer_address "${org}")"
    # Other organizations (and the Gateway's discovery) learn about this peer from here.
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="$(peer_address "${org}")"
    CORE_PEER_FILESYSTEMPATH="${data}/production"
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="${data}/snapshots"
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$(peer_ops_port "${org}")"
    CORE_PEER_GATEWAY_ENABLED=true
    CORE_PEER_TLS_ENABLED="${NETWORK_TLS}"
    # Chaincode runs as a service: the release's ccaas builder connects the peer to it.
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas_builder, path: ${FABRIC_HOME}/builders/ccaas, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]"
    CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="{\"peername\":\"peer0$(org_name "${org}")\"}"
    CORE_CHAINCODE_EXECUTETIMEOUT=120s
  )
  if [[ "${NETWORK_TLS}" == true ]]; then
    env+=(
      CORE_PEER_TLS_CERT_FILE="$(peer_dir "${org}")/tls/server.crt"
      CORE_PEER_TLS_KEY_FILE="$(peer_dir "${org}")/tls/server.key"
      CORE_PEER_TLS_ROOTCERT_FILE="$(peer_dir "${org}")/tls/ca.crt"
    )
  fi
  require_free_ports "${name}" "$(peer_port "${org}")" "$(peer_cc_port "${org}")" "$(peer_ops_port "${org}")"
  start_process "${name}" env "${env[@]}" "${FABRIC_HOME}/bin/peer" node start
}

# --- channel ----------------------------------------------------------------------------

osnadmin_flags() {
  OSNADMIN_FLAGS=(-o "${ORDERER_ADMIN_ADDRESS}")
  if [[ "${NETWORK_TLS}" == true ]]; then
    OSNADMIN_FLAGS+=(--ca-file "${ORDERER_TLS_CA}"
      --client-cert "${CRYPTO_DIR}/ordererOrganizations/${ORDERER_DOMAIN}/users/Admin@${ORDERER_DOMAIN}/tls/client.crt"
      --client-key "${CRYPTO_DIR}/ordererOrganizations/${ORDERER_DOMAIN}/users/Admin@${ORDERER_DOMAIN}/tls/client.key")
  fi
}

join_orderer() {
  osnadmin_flags
  local out
  out="$(osnadmin channel list --channelID "${CHANNEL_NAME}" "${OSNADMIN_FLAGS[@]}" 2>&1 || true)"
  if [[ "${out}" == *"Status: 200"* ]]; then
    log "orderer has joined ${CHANNEL_NAME} already"
    return 0
  fi
  log "joining the orderer to ${CHANNEL_NAME}"
  out="$(osnadmin channel join --channelID "${CHANNEL_NAME}" --config-block "${GENESIS_BLOCK}" "${OSNADMIN_FLAGS[@]}" 2>&1)" \
    || die "osnadmin channel join failed: ${out}"
  [[ "${out}" == *"Status: 201"* ]] || die "osnadmin channel join failed: ${out}"
}

join_peer() {
  local org="$1"
  use_org "${org}"
  if peer channel list 2>/dev/null | grep -qx "${CHANNEL_NAME}"; then
    log "$(peer_host "${org}") has joined ${CHANNEL_NAME} already"
    return 0
  fi
  log "joining $(peer_host "${org}") to ${CHANNEL_NAME}"
  # The peer may still be starting its gRPC services: retry a few times.
  retry 10 2 peer channel join -b "${GENESIS_BLOCK}" 2>>"${LOG_DIR}/cli.log" \
    || die "peer channel join failed for $(peer_host "${org}"); see ${LOG_DIR}/cli.log"
}

# --- main ---------------------------------------------------------------------------------

mkdir -p "${NETWORK_RUN_DIR}"
save_settings
generate_crypto
generate_genesis_block

start_orderer
wait_for_port orderer "${ORDERER_ADMIN_PORT}"
wait_for_port orderer "${ORDERER_PORT}"
for org in "${ORGS[@]}"; do
  start_peer "${org}"
done
for org in "${ORGS[@]}"; do
  wait_for_port "$(peer_host "${org}")" "$(peer_port "${org}")"
done

join_orderer
for org in "${ORGS[@]}"; do
  join_peer "${org}"
done
# Gossip needs some seconds (anchor peers, then membership) before a peer knows the other
# organization's; until then discovery, and the Gateway's endorsement plans, see one org only.
log "waiting until each peer sees every organization's peer through discovery"
wait_for_discovery "see every organization's peer" "${NETWORK_DISCOVERY_TIMEOUT:-120}" peers
# A restarted peer announces its chaincodes afresh: wait for those deployed before.
for deployed in "${CC_RUN_DIR}"/*/package-id; do
  [[ -f "${deployed}" ]] || continue
  cc="$(basename "$(dirname "${deployed}")")"
  log "waiting until each peer's discovery finds endorsers of ${cc} in every organization"
  wait_for_discovery "find endorsers of ${cc} in every organization" "${NETWORK_DISCOVERY_TIMEOUT:-120}" endorsers --chaincode "${cc}"
done

log "network is up: channel ${CHANNEL_NAME}, TLS ${NETWORK_TLS}"
log "  orderer          ${ORDERER_ADDRESS} (admin ${ORDERER_ADMIN_ADDRESS})"
for org in "${ORGS[@]}"; do
  log "  $(peer_host "${org}") $(peer_address "${org}") ($(org_msp "${org}"), $(org_name "${org}"))"
done
log "  Org3MSP (regulator): in the channel, no peer"
log "next: network/deploy-ccaas.sh --name kv   (or --name medchain)"
