#!/usr/bin/env bash
# Mints a bearer token for a service run with a signing key (docs/security.md), with the same
# Auth__SigningKey, Auth__Issuer and Auth__Audience as the service, from the environment:
#   deploy/mint-token.sh SUBJECT ROLES [NAME] [HOURS]      e.g. deploy/mint-token.sh alice operator "Alice Ng" 8
# ROLES is a comma-separated list of viewer, submitter, operator. Whoever holds the key can mint any
# token: keep it where the service's other secrets are, and prefer an OpenID Connect issuer for people.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 SUBJECT ROLES [NAME] [HOURS]" >&2; exit 2; }
subject="$1"; roles="$2"; name="${3:-$1}"; hours="${4:-8}"
: "${Auth__SigningKey:?set Auth__SigningKey (base64) as for the service}"
: "${Auth__Issuer:?set Auth__Issuer as for the service}"
: "${Auth__Audience:?set Auth__Audience as for the service}"
for value in "$subject" "$name" "$roles"; do
  case "$value" in *'"'*|*'\'*) echo "quotes and backslashes are not allowed in a subject, name or role" >&2; exit 2;; esac
done

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
expires=$((now + hours * 3600))
roles_json=$(printf '%s' "$roles" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\"", (i > 1 ? "," : ""), $i }')
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","name":"%s","roles":[%s],"iss":"%s","aud":"%s","iat":%d,"nbf":%d,"exp":%d}' \
  "$subject" "$name" "$roles_json" "$Auth__Issuer" "$Auth__Audience" "$now" "$now" "$expires" | b64url)
key_hex=$(printf '%s' "$Auth__SigningKey" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \n')
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
