#!/usr/bin/env bash
# Creates self-signed token signing and encryption certificates for a local compose run.
# Production: use certificates from your PKI or key vault, and rotate them (docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p certs
password="${POLICYHUB_CERT_PASSWORD:-policyhub}"
for name in signing encryption; do
  usage=$([ "$name" = signing ] && echo digitalSignature || echo keyEncipherment)
  openssl req -x509 -newkey rsa:2048 -sha256 -days 730 -nodes -subj "/CN=PolicyHub $name" \
    -addext "keyUsage=critical,$usage" -keyout "certs/$name.key" -out "certs/$name.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "certs/$name.key" -in "certs/$name.crt" -out "certs/$name.pfx" -passout "pass:$password"
  rm "certs/$name.key"
done
# The Web app's audit checkpoint key (ECDSA P-256, PEM), readable by the container's non-root user.
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out certs/checkpoint.pem
chmod 644 certs/checkpoint.pem certs/*.pfx
echo "Certificates and the checkpoint key written to deploy/certs (password: \$POLICYHUB_CERT_PASSWORD or 'policyhub')."
