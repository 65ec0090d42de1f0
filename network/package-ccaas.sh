#!/usr/bin/env bash
# Packages a chaincode-as-a-service ("ccaas") chaincode for `peer lifecycle chaincode install`.
# Needs no Fabric binaries. The package is
#   <label>.tar.gz
#     metadata.json   {"type":"ccaas","label":"<label>"}
#     code.tar.gz
#       connection.json  {"address", "dial_timeout", "tls_required", "client_auth_required",
#                         "root_cert", "client_cert", "client_key"}
# Fabric's ccaas builder copies connection.json to the peer, which dials "address".
# The archives are byte-for-byte reproducible, so the package id is stable across runs.
#
#   network/package-ccaas.sh --label kv_1.0 --address 127.0.0.1:27902 --out /tmp/pkg
#   network/package-ccaas.sh --label kv_1.0 --address 127.0.0.1:27902 --out /tmp/pkg \
#       --tls --root-cert ca.pem [--client-auth --client-cert peer.pem --client-key peer.key]
# Prints the package's path.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

label="" address="" out="" dial_timeout="10s" tls=false client_auth=false root_cert="" client_cert="" client_key=""
while (( $# > 0 )); do
  case "$1" in
    --label) label="${2:-}"; shift 2 ;;
    --address) address="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    --dial-timeout) dial_timeout="${2:-}"; shift 2 ;;
    --tls) tls=true; shift ;;
    --client-auth) client_auth=true; shift ;;
    --root-cert) root_cert="${2:-}"; shift 2 ;;
    --client-cert) client_cert="${2:-}"; shift 2 ;;
    --client-key) client_key="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ -n "${label}" ]] || die "--label is required (e.g. kv_1.0)"
# The peer's own rule for package labels.
[[ "${label}" =~ ^[[:alnum:]][[:alnum:]_.+-]*$ ]] \
  || die "--label '${label}' is not a valid package label: letters, digits and _.+- only, starting with a letter or digit"
[[ -n "${address}" ]] || die "--address is required (host:port of the chaincode server)"
[[ "${address}" =~ ^[^:[:space:]]+:[0-9]+$ ]] || die "--address '${address}' is not host:port"
[[ -n "${out}" ]] || die "--out is required (directory for the package)"
[[ "${dial_timeout}" =~ ^[0-9]+(ms|s|m)$ ]] || die "--dial-timeout '${dial_timeout}' is not a duration such as 10s"
if [[ "${client_auth}" == true && "${tls}" != true ]]; then
  die "--client-auth needs --tls"
fi
if [[ "${tls}" == true ]]; then
  [[ -f "${root_cert}" ]] || die "--tls needs --root-cert <PEM file of the CA that issued the chaincode server's certificate>"
  if [[ "${client_auth}" == true ]]; then
    [[ -f "${client_cert}" && -f "${client_key}" ]] \
      || die "--client-auth needs --client-cert and --client-key (PEM files the peer presents to the chaincode server)"
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
mkdir -p "${work}/src" "${work}/pkg"

{
  printf '{\n'
  printf '  "address": %s,\n' "$(json_string "${address}")"
  printf '  "dial_timeout": %s,\n' "$(json_string "${dial_timeout}")"
  printf '  "tls_required": %s,\n' "${tls}"
  printf '  "client_auth_required": %s' "${client_auth}"
  if [[ "${tls}" == true ]]; then
    printf ',\n  "root_cert": %s' "$(json_string "$(cat "${root_cert}")")"
    if [[ "${client_auth}" == true ]]; then
      printf ',\n  "client_cert": %s' "$(json_string "$(cat "${client_cert}")")"
      printf ',\n  "client_key": %s' "$(json_string "$(cat "${client_key}")")"
    fi
  fi
  printf '\n}\n'
} >"${work}/src/connection.json"

printf '{\n  "type": "ccaas",\n  "label": %s\n}\n' "$(json_string "${label}")" >"${work}/pkg/metadata.json"

# Reproducible archives: fixed order, times and owners; gzip without name or time.
repro_tar() {
  local dir="$1" dest="$2"
  shift 2
  tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner --format=ustar \
    -C "${dir}" -cf - "$@" | gzip -n -9 >"${dest}"
}
repro_tar "${work}/src" "${work}/pkg/code.tar.gz" connection.json
mkdir -p "${out}"
package="$(cd "${out}" && pwd)/${label}.tar.gz"
repro_tar "${work}/pkg" "${package}" metadata.json code.tar.gz
echo "${package}"
